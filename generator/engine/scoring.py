"""Lead scoring executed from the SLA file, so the MQL population follows the contract.

Semantics (stated on the site):

- Only data up to the end of the as-of day counts.
- Attribute rules (no ``activity``): ``points`` when the lead matches ``filter`` (every lead when there is
  none), from the lead's creation; they do not decay.
- Behaviour rules: ``points`` per activity of type ``activity`` matching ``filter``, for at most ``max_times``
  activities — the most recent ones at the moment the score is taken, so fresh interest counts.
- Decay: a behaviour's points shrink by ``percent`` every ``every_days`` days of its age, the age being
  calendar days from the activity to the moment the score is taken (the as-of date for the current score).
- Crossing: the score is taken at each scored activity; the lead *crosses* at the first one where the
  score reaches the threshold (at creation when attribute points alone reach it).
- Hot lead: the first activity matching a hot-lead trigger makes the lead hand-off-ready at once.
- Disqualified (a disqualifier matches the lead's current attributes): never rule-derived.
- The MQL definition's attribute ``criteria`` (filters over leads) must all hold; a lead that misses one
  is *ineligible*, like a disqualified one (a NULL attribute does not meet a criterion).
- Rule-derived MQL: eligible, not disqualified, and crossed or hot; ``ready_at`` is the earlier moment.
- The ``score_at_least`` KPI counts leads by the period of their ``ready_at``: the moment they *first*
  became hand-off-ready, judged with the score as it stood at that moment. It is neither the current
  score (which decays) nor a snapshot at each period end; a lead that crosses, fades and crosses again
  counts once, in its first period, and a closed period's count does not move as time passes.
- The score distribution and the recorded-vs-rule comparison use the score as of the as-of day.

The per-lead frame never leaves the engine; the public results are aggregates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.measurement import Histogram, Point
from ..model.periods import Period
from ..model.sla import Sla
from .aggregates import Fetch
from .calendar import period_starts
from .scope import DIMENSION_COLUMNS, MISSING_SEGMENT, Cell, Cells, Scope
from .scoring_query import scoring_query

SCORE_COLUMNS = (
    "lead_id",
    "created_at",
    "mql_at",
    "score",
    "crossed_at",
    "hot_at",
    "disqualified",
    "eligible",
)
_HISTOGRAM_STEPS = 5  # bins per threshold, so the threshold is always a bin edge


@dataclass(frozen=True)
class MqlComparison:
    """Recorded MQLs (leads.mql_at) against rule-derived MQLs, and the overlap."""

    recorded: int
    rule_derived: int
    both: int


def score_leads(fetch: Fetch, sla: Sla, as_of: dt.date) -> pd.DataFrame:
    """Per lead: score now, when it crossed the threshold, hot-lead moment, disqualified, ready_at.

    ``fetch`` is a backend's ``fetch``. Also carries the lead's segment columns, for KPI segments.
    Rows come in the backend's order: every use aggregates them (sorting 2M lead ids took 2 s).
    """
    frame = fetch(scoring_query(sla, as_of))
    for column in ("created_at", "mql_at", "crossed_at", "hot_at"):
        frame[column] = pd.to_datetime(frame[column])
    frame["score"] = pd.to_numeric(frame["score"]).astype(float)
    frame["disqualified"] = frame["disqualified"].astype(bool)
    frame["eligible"] = frame["eligible"].astype(bool)
    ready = frame[["crossed_at", "hot_at"]].min(axis=1)
    frame["ready_at"] = ready.where(frame["eligible"] & ~frame["disqualified"])
    return frame


def score_distribution(scores: pd.DataFrame, threshold: int) -> Histogram:
    """Current scores of leads not disqualified, in bins of threshold ÷ 5 up to twice the threshold."""
    values = scores.loc[~scores["disqualified"], "score"].to_numpy(dtype=float)
    step = threshold / _HISTOGRAM_STEPS
    edges = [step * i for i in range(2 * _HISTOGRAM_STEPS + 1)]
    if len(values):
        edges = sorted({min(0.0, float(values.min())), *edges, max(edges[-1], float(values.max()))})
    counts, _ = np.histogram(values, bins=np.array(edges))
    return Histogram(tuple(float(e) for e in edges), tuple(int(c) for c in counts))


def compare_mqls(scores: pd.DataFrame) -> MqlComparison:
    recorded = scores["mql_at"].notna()
    derived = scores["ready_at"].notna()
    return MqlComparison(int(recorded.sum()), int(derived.sum()), int((recorded & derived).sum()))


def score_at_least_cells(scores: pd.DataFrame, scope: Scope) -> Cells:
    """The ``score_at_least`` KPI: rule-derived MQLs counted in the period (and segment) of ``ready_at``."""
    ready = pd.to_datetime(scores["ready_at"])
    inside = ready.notna() & (ready >= pd.Timestamp(scope.start)) & (ready < pd.Timestamp(scope.end))
    periods = period_keys(ready[inside], scope)
    if scope.dimension is None:
        counts = periods.value_counts()
        return {(period, None): Cell(float(n), support=float(n)) for period, n in counts.items()}
    segments = scores.loc[inside, DIMENSION_COLUMNS[scope.dimension]].astype("string").fillna(MISSING_SEGMENT)
    grouped = pd.DataFrame({"period": periods, "segment": segments}).value_counts()
    return {
        (period, str(segment)): Cell(float(n), support=float(n)) for (period, segment), n in grouped.items()
    }


def period_keys(moments: pd.Series, scope: Scope) -> pd.Series:
    """The period start (a date) of each moment in ``scope``; a ``window`` scope is one period."""
    if scope.grain == "window":
        return pd.Series([scope.start.date()] * len(moments), index=moments.index, dtype=object)
    return period_starts(moments, scope.grain).dt.date


def score_at_least_series(scores: pd.DataFrame, periods: Sequence[Period]) -> tuple[Point, ...]:
    """Rule-derived MQLs per period (0 where none became ready), oldest first."""
    if not periods:
        return ()
    start = dt.datetime.combine(periods[0].start, dt.time())
    end = dt.datetime.combine(periods[-1].end, dt.time())
    cells = score_at_least_cells(scores, Scope(periods[0].grain, start, end, end))
    return tuple(
        Point(p.label, p.start, cells[(p.start, None)].value if (p.start, None) in cells else 0.0)
        for p in periods
    )


# --- query parts -------------------------------------------------------------------------------------


__all__ = [
    "SCORE_COLUMNS",
    "MqlComparison",
    "compare_mqls",
    "score_at_least_series",
    "score_distribution",
    "score_leads",
]
