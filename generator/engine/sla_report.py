"""The SLA in numbers: speed to lead in business hours, compliance by week and team, scoring vs record.

Semantics (stated on the site):

- Each hand-off's deadline is ``handed_off_at`` plus the SLA's ``business_hours`` on its business calendar
  (``hot_lead_business_hours`` for hand-offs whose trigger is ``hot_lead``, when the SLA sets it).
- Speed to lead: business hours from hand-off to the first contact, for hand-offs contacted by the as-of day.
- Compliance: of the hand-offs *decided* by the end of the as-of day, the share first contacted at or
  before the deadline. Decided = contacted, or not contacted and the deadline has passed (a breach).
  Not contacted and not yet due: left out until it is decided. Hand-offs count in the period of
  ``handed_off_at``.
- By team: the hand-off's ``team`` (the team whose deadline it was), over the latest complete fiscal
  quarter, through the same cells as the KPI's ``owner_team`` segment; teams under k decided hand-offs are
  suppressed, with enough other teams that none can be derived (``suppression``), as on the KPI page.

One computation: the SLA page, the KPI page and the tree all read ``sla_compliance_cells`` on the hand-offs
the evaluator judged once per SLA; there is no second way to count compliance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlglot import exp

from ..model.measurement import Histogram, Point, SegmentValue, SlaReport
from ..model.periods import Grain, as_of_end, series_periods, window_start
from ..model.sla import Sla
from .aggregates import Fetch
from .backend import Backend
from .calendar import add_business_hours_many, business_hours_between
from .lead_keys import LEAD_KEY, LEADS
from .scope import DIMENSION_COLUMNS, MISSING_SEGMENT, Cell, Cells, Scope, segment_scope
from .scoring import compare_mqls, period_keys, score_distribution, score_leads
from .scoring_query import LEAD_SEGMENT_COLUMNS
from .sqlparts import timestamp
from .suppression import Tally, hidden_keys, share_pairs

MET, BREACHED, PENDING = "met", "breached", "pending"
TEAM_DIMENSION = "owner_team"
# A hand-off's deadline binds the team it was handed to, which may differ from the lead's owner team.
_HANDOFF_TEAM_COLUMN = "team"
_SPEED_EDGES = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 24.0, 48.0, 72.0)


def handoffs_query(as_of: dt.date) -> exp.Select:
    """Hand-offs up to the as-of day with the lead's segment attributes (no personal column)."""
    end = timestamp(as_of_end(as_of))
    handoff_columns = ("handoff_id", "lead_id", "handed_off_at", "trigger", "team", "first_contact_at")
    return (
        exp.select(
            *(exp.column(c, "h") for c in handoff_columns),
            *(exp.column(c, "l") for c in LEAD_SEGMENT_COLUMNS),
        )
        .from_(exp.alias_(exp.to_table("handoffs"), "h", table=True))
        .join(
            exp.alias_(exp.to_table(LEADS), "l", table=True),
            on=exp.column(LEAD_KEY, "h").eq(exp.column(LEAD_KEY, "l")),
            join_type="left",
        )
        .where(exp.column("handed_off_at", "h") < end)
    )


def judge_handoffs(handoffs: pd.DataFrame, sla: Sla, as_of: dt.date) -> pd.DataFrame:
    """Adds deadline hours, the deadline, speed to lead (business hours) and met / breached / pending."""
    judged = handoffs.copy()
    handed = pd.to_datetime(judged["handed_off_at"])
    end = pd.Timestamp(as_of_end(as_of))
    contact = pd.to_datetime(judged["first_contact_at"])
    contact = contact.where(contact < end)  # a contact after the as-of day has not happened yet
    deadline = sla.response_deadline
    hot_hours = deadline.hot_lead_business_hours or deadline.business_hours
    hours = np.where(
        judged["trigger"].astype("string").eq("hot_lead").fillna(False), hot_hours, deadline.business_hours
    )
    judged["deadline_hours"] = hours.astype(float)
    judged["deadline_at"] = np.asarray(add_business_hours_many(handed, hours.astype(float), sla.calendar))
    judged["speed_hours"] = business_hours_between(handed, contact, sla.calendar)
    status = np.full(len(judged), PENDING, dtype=object)
    contacted = contact.notna().to_numpy()
    on_time = contacted & (contact.to_numpy() <= judged["deadline_at"].to_numpy())
    overdue = ~contacted & (judged["deadline_at"] < end).to_numpy()
    status[on_time] = MET
    status[(contacted & ~on_time) | overdue] = BREACHED
    judged["status"] = status
    judged["handed_off_at"] = handed
    return judged


def sla_compliance_cells(judged: pd.DataFrame, scope: Scope) -> Cells:
    """The ``sla_compliance`` KPI: met ÷ decided per period (and segment) of the hand-off."""
    handed = judged["handed_off_at"]
    inside = (
        (handed >= pd.Timestamp(scope.start))
        & (handed < pd.Timestamp(scope.end))
        & judged["status"].ne(PENDING)
    )
    rows = pd.DataFrame(
        {
            "period": period_keys(handed[inside], scope),
            "segment": _segments(judged.loc[inside], scope.dimension),
            "met": judged.loc[inside, "status"].eq(MET).astype(int),
        }
    )
    grouped = rows.groupby(["period", "segment"], sort=True)["met"].agg(["sum", "count"])
    cells: Cells = {}
    for (period, segment), row in grouped.iterrows():
        met, decided = float(row["sum"]), float(row["count"])
        key_segment = None if scope.dimension is None else str(segment)
        cells[(period, key_segment)] = Cell(met / decided, met, decided, decided)
    return cells


def measure_sla_compliance(fetch: Fetch, sla: Sla, scope: Scope, as_of: dt.date) -> Cells:
    """Fetch, judge and group: what the engine calls for a KPI whose measure is ``sla_compliance``."""
    return sla_compliance_cells(judge_handoffs(fetch(handoffs_query(as_of)), sla, as_of), scope)


def compliance_cells(backend: Backend, sla: Sla, as_of: dt.date, scope: Scope) -> Cells:
    """The entry point ``sla_measures`` looks up: ``measure_sla_compliance`` on the backend's fetch."""

    def fetch(query: exp.Expr) -> pd.DataFrame:
        assert isinstance(query, exp.Expression)
        return backend.fetch(query)

    return measure_sla_compliance(fetch, sla, scope, as_of)


def sla_compliance_series(judged: pd.DataFrame, grain: Grain, as_of: dt.date) -> tuple[Point, ...]:
    """Compliance for every period of the series; value None where nothing was decided."""
    periods = series_periods(grain, as_of)
    end = as_of_end(as_of)
    scope = Scope(grain, dt.datetime.combine(periods[0].start, dt.time()), end, end)
    cells = sla_compliance_cells(judged, scope)
    points = []
    for period in periods:
        cell = cells.get((period.start, None))
        if cell is None:
            points.append(Point(period.label, period.start, None, 0.0, 0.0))
        else:
            points.append(Point(period.label, period.start, cell.value, cell.numerator, cell.denominator))
    return tuple(points)


def compliance_by_team(judged: pd.DataFrame, as_of: dt.date, k_anonymity: int) -> tuple[SegmentValue, ...]:
    """Compliance per hand-off team over the latest complete fiscal quarter: the KPI's ``owner_team``
    segment cells, suppressed as the KPI page suppresses its segments (``assemble.segment_values``)."""
    scope = segment_scope(TEAM_DIMENSION, as_of)
    cells = {segment: cell for (_, segment), cell in sla_compliance_cells(judged, scope).items() if segment}
    tallies = [
        Tally(team, cell.support, (cell.numerator or 0.0, cell.denominator or 0.0))
        for team, cell in sorted(cells.items())
    ]
    hidden = hidden_keys(tallies, k_anonymity, share_pairs(tallies, 0, 1))
    return tuple(
        SegmentValue(TEAM_DIMENSION, team, None, None, True)
        if team in hidden
        else SegmentValue(TEAM_DIMENSION, team, cell.value, cell.denominator)
        for team, cell in sorted(cells.items())
    )


def speed_histogram(judged: pd.DataFrame, sla: Sla, as_of: dt.date) -> Histogram:
    """Speed to lead of contacted hand-offs of the twelve months up to the as-of day, in business hours."""
    since = pd.Timestamp(window_start(as_of))
    speeds = judged.loc[judged["handed_off_at"] >= since, "speed_hours"].dropna().to_numpy(dtype=float)
    deadline = sla.response_deadline
    edges = {*_SPEED_EDGES, deadline.business_hours, 2 * deadline.business_hours}
    if deadline.hot_lead_business_hours is not None:
        edges.add(deadline.hot_lead_business_hours)
    if len(speeds):
        edges |= {min(0.0, float(speeds.min())), max(max(edges), float(speeds.max()))}
    ordered = np.array(sorted(edges))
    counts, _ = np.histogram(speeds, bins=ordered)
    return Histogram(tuple(float(e) for e in ordered), tuple(int(c) for c in counts))


def build_sla_report(
    fetch: Fetch,
    sla: Sla,
    as_of: dt.date,
    *,
    k_anonymity: int = 5,
    scores: pd.DataFrame | None = None,
    judged: pd.DataFrame | None = None,
) -> SlaReport:
    """Everything the SLA page shows; pass ``scores`` and ``judged`` when the engine has scored the leads
    and judged the hand-offs already (the KPI's own frame: the page then cannot count differently)."""
    if judged is None:
        judged = judge_handoffs(fetch(handoffs_query(as_of)), sla, as_of)
    scored = scores if scores is not None else score_leads(fetch, sla, as_of)
    mqls = compare_mqls(scored)
    return SlaReport(
        sla_id=sla.id,
        deadline_business_hours=sla.response_deadline.business_hours,
        speed_to_lead_hours=speed_histogram(judged, sla, as_of),
        compliance_by_week=sla_compliance_series(judged, "week", as_of),
        compliance_by_quarter=sla_compliance_series(judged, "quarter", as_of),
        compliance_by_team=compliance_by_team(judged, as_of, k_anonymity),
        score_distribution=score_distribution(scored, sla.scoring.threshold),
        threshold=sla.scoring.threshold,
        recorded_mqls=mqls.recorded,
        rule_derived_mqls=mqls.rule_derived,
        both=mqls.both,
    )


def _segments(rows: pd.DataFrame, dimension: str | None) -> Sequence[object] | pd.Series:
    if dimension is None:
        return [""] * len(rows)
    column = _HANDOFF_TEAM_COLUMN if dimension == TEAM_DIMENSION else DIMENSION_COLUMNS[dimension]
    return rows[column].astype("string").fillna(MISSING_SEGMENT)
