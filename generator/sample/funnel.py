"""Recorded MQLs: the leads the MA's scoring made hand-off-ready, as the MA wrote them into ``mql_at``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import Period, seconds
from .config import COMPANY_SIZES, INDUSTRIES, MA_SYNC_MISSES, Bools, Times
from .leads import NO_TIME, Leads
from .scoring import Readiness


@dataclass(frozen=True)
class Mqls:
    mql_at: Times  # NaT: not an MQL by the as-of date
    hot: Bools  # handed off by a hot-lead action rather than the score


def qualifies(leads: Leads) -> Bools:
    """The SLA's MQL criteria (50+ employees, a known industry) hold and its disqualifier does not
    (under 50 people outside the target industries) — the latter is implied by the former."""
    small = leads.size == COMPANY_SIZES.index("1-49")
    known_industry = leads.industry != INDUSTRIES.index("other")
    return np.asarray(~small & known_industry & ~(small & ~leads.is_target), dtype=np.bool_)


def record_mqls(rng: np.random.Generator, period: Period, leads: Leads, ready: Readiness) -> Mqls:
    """MQL at the first hand-off-ready moment (+1–15 minutes of MA processing) of leads that qualify."""
    hot_first = ~np.isnat(ready.hot_at) & (np.isnat(ready.crossed_at) | (ready.hot_at <= ready.crossed_at))
    ready_at = np.where(hot_first, ready.hot_at, ready.crossed_at)
    mql_at = ready_at + seconds(rng.integers(60, 900, size=len(leads)))
    recorded = (
        ~np.isnat(ready_at)
        & qualifies(leads)
        & (rng.random(len(leads)) >= MA_SYNC_MISSES)
        & (mql_at < period.end)
    )
    return Mqls(np.where(recorded, mql_at, NO_TIME), recorded & hot_first)
