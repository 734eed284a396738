"""Two revisions' MQL definitions scored on the same data, compared lead by lead, counted.

The MQLs of a quarter are the leads whose ``ready_at`` (``scoring``: eligible under the MQL criteria,
not disqualified, and crossed the threshold or hot) falls in the latest complete fiscal quarter. The
per-lead frames stay here; only four counts per SLA come back, suppressed like the site's small cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..model.backtest import MqlBacktest
from ..model.periods import Period, latest_full_quarter
from ..model.project import Project
from ..model.sla import Sla
from .backend import Backend
from .calendar import CalendarError
from .datafiles import check_files
from .errors import MeasureError
from .evaluate import backend_fetch
from .lead_keys import LEADS
from .measuring import register_data, sources_of
from .privacy import GuardedBackend, personal_columns
from .scoring import score_leads

SlaPair = tuple[Sla, Sla]  # (BASE's, HEAD's) version of one SLA


def backtest_mqls(
    pairs: Sequence[SlaPair],
    head: Project,
    data_dir: Path,
    *,
    as_of: dt.date,
    backend: Backend,
    k_anonymity: int,
) -> tuple[MqlBacktest, ...]:
    """Each pair scored on ``head``'s tables in ``data_dir``; an SLA that cannot be scored is left out
    (its KPIs and the SLA table of the comment already say why)."""
    sources = sources_of(head)
    files = check_files(data_dir, sources.tables, {LEADS, "activities"})
    database = GuardedBackend(backend, personal_columns(sources.tables))
    register_data(database, files)
    fetch = backend_fetch(database)
    quarter = latest_full_quarter(as_of)
    found = []
    for old, new in pairs:
        try:
            before = quarter_mqls(score_leads(fetch, old, as_of), quarter)
            after = quarter_mqls(score_leads(fetch, new, as_of), quarter)
        except (MeasureError, CalendarError):
            continue
        found.append(counted(new.id, quarter.label, before, after, k_anonymity))
    return tuple(found)


def quarter_mqls(scores: pd.DataFrame, quarter: Period) -> frozenset[str]:
    """The leads that became rule-derived MQLs within ``quarter`` (their ``ready_at``)."""
    ready = pd.to_datetime(scores["ready_at"])
    inside = ready.notna() & (ready >= pd.Timestamp(quarter.start)) & (ready < pd.Timestamp(quarter.end))
    return frozenset(scores.loc[inside, "lead_id"].astype(str))


def counted(sla_id: str, quarter: str, before: frozenset[str], after: frozenset[str], k: int) -> MqlBacktest:
    counts = suppressed((len(before), len(after), len(before - after), len(after - before)), k)
    return MqlBacktest(sla_id, quarter, *counts)


def suppressed(
    counts: tuple[int, int, int, int], k: int
) -> tuple[int | None, int | None, int | None, int | None]:
    """(before, after, lost, gained) as published: all four hidden when any is from 1 to k − 1.

    Zero names nobody and is shown. One hidden count alone would be derivable from the other three
    (after = before − lost + gained), so a small one hides the rest; the four hidden together are
    tied by that one equation only, which pins none of them.
    """
    if any(0 < count < k for count in counts):
        return None, None, None, None
    before, after, lost, gained = counts
    return before, after, lost, gained
