"""The funnel by lead-creation cohort: leads → MQL → SQL → opportunity → won, overall and per channel.

Semantics (stated on the site):

- Cohort: leads created in the twelve months ending at the as-of day (``periods.window_start``).
  Recent leads have had less time to move on, so the lower stages of late cohorts are still filling.
- A lead counts at a stage when it reached that stage *or any later one* by the end of the as-of day
  (a hot lead that went straight to SQL still passed the MQL gate), so counts never grow down the funnel.
- Conversion from the previous stage: this stage's count ÷ the previous stage's count.
- Channels with fewer than ``k_anonymity`` leads are left out of the per-channel view (they stay in
  the overall funnel), with enough other channels that none can be derived from the overall funnel
  minus the channels shown (``suppression.hidden_keys``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlglot import exp

from ..model.measurement import Funnel, FunnelStage
from ..model.periods import as_of_end, window_start
from .aggregates import Fetch
from .scope import MISSING_SEGMENT
from .sqlparts import col, conjunction, count_if, in_range, timestamp
from .suppression import Tally, hidden_keys

# Stage name → the leads column that records reaching it, in funnel order.
STAGES: tuple[tuple[str, str | None], ...] = (
    ("leads", None),
    ("mql", "mql_at"),
    ("sql", "sql_at"),
    ("opportunity", "opportunity_at"),
    ("won", "won_at"),
)


def funnel_query(as_of: dt.date, since: dt.date | None = None) -> exp.Select:
    """Per channel: the cohort's leads and how many reached each stage (or a later one) by as-of."""
    start = dt.datetime.combine(since or window_start(as_of), dt.time())
    end = as_of_end(as_of)
    columns = [column for _, column in STAGES if column is not None]
    counts: list[exp.Expr] = [exp.alias_(count_if(None), "leads")]
    for index, (stage, column) in enumerate(STAGES):
        if column is None:
            continue
        later = columns[index - 1 :]
        reached = exp.or_(*(exp.LT(this=col(c), expression=timestamp(end)) for c in later))
        counts.append(exp.alias_(count_if(exp.Paren(this=reached)), stage))
        # Whether the stage is recorded at all: a CRM without opportunities is no 0% opportunity rate.
        counts.append(exp.alias_(exp.Count(this=col(column)), f"recorded_{stage}"))
    return (
        exp.select(exp.alias_(col("channel"), "channel"), *counts)
        .from_("leads")
        .where(conjunction([in_range(col("created_at"), start, end)]))
        .group_by(exp.Literal.number(1))
    )


def funnel_from_counts(frame: pd.DataFrame, k_anonymity: int = 5) -> Funnel:
    """The Funnel from per-channel counts (one row per channel, a column per stage); a stage whose
    column holds no value at all is left out and named, never shown as 0 件 and 0%."""
    unrecorded = tuple(
        stage
        for stage, column in STAGES
        if column is not None
        and f"recorded_{stage}" in frame
        and len(frame)
        and int(pd.to_numeric(frame[f"recorded_{stage}"]).sum()) == 0
    )
    names = [stage for stage, _ in STAGES if stage not in unrecorded]
    totals = [int(pd.to_numeric(frame[name]).sum()) if len(frame) else 0 for name in names]
    channels: dict[str, list[int]] = {}
    for _, row in frame.iterrows():
        channel = MISSING_SEGMENT if pd.isna(row["channel"]) else str(row["channel"])
        channels[channel] = [int(row[name]) for name in names]
    tallies = [Tally(channel, counts[0], tuple(map(float, counts))) for channel, counts in channels.items()]
    # Every stage counts a subset of the stage above it: each pair is a share.
    hidden = hidden_keys(tallies, k_anonymity, [(index, index - 1) for index in range(1, len(names))])
    by_channel = {
        channel: _stages(names, counts) for channel, counts in channels.items() if channel not in hidden
    }
    return Funnel(
        overall=_stages(names, totals), by_channel=dict(sorted(by_channel.items())), unrecorded=unrecorded
    )


def measure_funnel(
    fetch: Fetch, as_of: dt.date, *, k_anonymity: int = 5, since: dt.date | None = None
) -> Funnel:
    """Run the funnel query and build the Funnel."""
    return funnel_from_counts(fetch(funnel_query(as_of, since)), k_anonymity)


def _stages(names: list[str], counts: list[int]) -> tuple[FunnelStage, ...]:
    stages = []
    for index, (name, count) in enumerate(zip(names, counts, strict=True)):
        previous = counts[index - 1] if index else 0
        conversion = count / previous if index and previous else None
        stages.append(FunnelStage(name, count, conversion))
    return tuple(stages)
