"""Web behaviour: browsing sessions (organic, after email clicks, and after becoming an MQL) and downloads.

Before an MQL, leads read blog posts, case studies, landing pages and service pages; the pricing and
contact pages belong to buying intent (see ``intent``) and to MQLs weighing the purchase.
"""

from __future__ import annotations

import numpy as np

from .campaigns import Calendar
from .clock import DAY_SECONDS, Period, office_clock, on_days, seconds
from .config import (
    AFTER_MQL_PAGE_SHARE,
    SCORED_PAGE_SHARE,
    SESSIONS_BASE,
    SESSIONS_ENGAGED,
    UNSCORED_PAGE_SHARE,
    UNSCORED_PAGES,
    Floats,
    Ints,
    Times,
)
from .emails import Clicks
from .events import DOWNLOAD, PAGE, PAGE_VIEW, ActivityBlock
from .leads import Leads

_LANDING_MIX = {"landing": 0.55, "blog": 0.2, "service": 0.1}


def draw_browsing(rng: np.random.Generator, period: Period, leads: Leads, clicks: Clicks) -> ActivityBlock:
    """Organic sessions spread over each lead's life, plus a session after every email click."""
    alive_days = (period.end - leads.created_at).astype(np.int64) / DAY_SECONDS
    sessions = rng.poisson((SESSIONS_BASE + SESSIONS_ENGAGED * leads.engagement) * alive_days / 30.4)
    lead = np.repeat(np.arange(len(leads), dtype=np.int64), sessions)
    start = _office_moment(rng, leads.created_at[lead], alive_days[lead])
    organic = _pages(
        rng, leads, lead, start, np.full(len(lead), -1), _mix(SCORED_PAGE_SHARE), _mix(SCORED_PAGE_SHARE)
    )
    landed_at = clicks.at + seconds(rng.integers(3, 20, size=len(clicks.lead)))
    landed = _pages(
        rng, leads, clicks.lead, landed_at, clicks.campaign, _mix(_LANDING_MIX), _mix(SCORED_PAGE_SHARE)
    )
    lead, at, campaign, page = (np.concatenate([o, c]) for o, c in zip(organic, landed, strict=True))
    return ActivityBlock.of(lead, at, PAGE_VIEW, campaign=campaign, page=page)


def draw_mql_browsing(rng: np.random.Generator, period: Period, leads: Leads, mql_at: Times) -> ActivityBlock:
    """MQLs weigh the purchase: 1–6 sessions in the 60 days after, heavy on pricing, service and cases."""
    is_mql = ~np.isnat(mql_at)
    sessions = np.where(is_mql, 1 + rng.poisson(1.0 + 3.0 * leads.engagement), 0)
    lead = np.repeat(np.arange(len(leads), dtype=np.int64), sessions)
    start = _office_moment(rng, mql_at[lead], np.full(len(lead), 60.0))
    mix = _mix(AFTER_MQL_PAGE_SHARE)
    lead, at, campaign, page = _pages(rng, leads, lead, start, np.full(len(lead), -1), mix, mix)
    return ActivityBlock.of(lead, at, PAGE_VIEW, campaign=campaign, page=page)


def _office_moment(rng: np.random.Generator, after: Times, within_days: Floats) -> Times:
    """A random office-clock moment within ``within_days`` after ``after`` (never before it)."""
    moment = after + seconds(rng.random(len(after)) * within_days * DAY_SECONDS)
    clocked = on_days(moment.astype("datetime64[D]"), office_clock(rng, len(after)))
    return np.asarray(np.maximum(clocked, after + np.timedelta64(60, "s")), dtype="datetime64[s]")


def _mix(scored: dict[str, float]) -> Floats:
    """Page-category probabilities: the given shares, the rest spread over the unscored pages."""
    shares = np.zeros(len(PAGE))
    for name, share in scored.items():
        shares[PAGE[name]] = share
    rest = 1.0 - shares.sum()
    for name, share in zip(UNSCORED_PAGES, UNSCORED_PAGE_SHARE, strict=True):
        shares[PAGE[name]] += rest * share
    return np.asarray(shares / shares.sum(), dtype=np.float64)


def _pages(
    rng: np.random.Generator,
    leads: Leads,
    lead: Ints,
    start: Times,
    campaign: Ints,
    first_mix: Floats,
    next_mix: Floats,
) -> tuple[Ints, Times, Ints, Ints]:
    """Each session's pages: the first from ``first_mix``, the rest from ``next_mix``, 20 s–4 min apart."""
    pages = 1 + rng.poisson(0.3 + 2.0 * leads.engagement[lead])
    session = np.repeat(np.arange(len(lead)), pages)
    firsts = np.cumsum(pages) - pages
    step = np.arange(len(session)) - np.repeat(firsts, pages)
    gaps = rng.integers(20, 240, size=len(session))
    gaps[step == 0] = 0
    elapsed = np.cumsum(gaps)
    elapsed -= np.repeat(elapsed[firsts] if len(firsts) else elapsed[:0], pages)
    page = np.where(
        step == 0,
        rng.choice(len(PAGE), size=len(session), p=first_mix),
        rng.choice(len(PAGE), size=len(session), p=next_mix),
    )
    at = start[session] + seconds(elapsed)
    return lead[session], at, campaign[session], page.astype(np.int64)


def draw_downloads(
    rng: np.random.Generator, period: Period, calendar: Calendar, leads: Leads, mql_at: Times | None
) -> ActivityBlock:
    """White-paper downloads: occasional ones during a lead's life, or (with ``mql_at``) after the MQL."""
    count = len(leads)
    if mql_at is None:
        alive = (period.end - leads.created_at).astype(np.int64)
        takes = rng.random(count) < 0.05 + 0.3 * leads.engagement
        at = leads.created_at + seconds(rng.uniform(0.01, 1.0, size=count) * alive)
    else:
        takes = ~np.isnat(mql_at) & (rng.random(count) < 0.35)
        at = mql_at + seconds(rng.uniform(1, 60, size=count) * DAY_SECONDS)
    lead = np.flatnonzero(takes)
    return ActivityBlock.of(lead, at[takes], DOWNLOAD, campaign=calendar.active("whitepaper", at[takes]))
