"""Web behaviour: browsing sessions (organic and from email clicks) with page categories, and downloads.

Scored behaviour (service, pricing and contact pages; downloads) is kept within each lead's allowance
before its ``free_after`` time, so scores cross the threshold only where the funnel says they do.
"""

from __future__ import annotations

import numpy as np

from .campaigns import Calendar
from .clock import DAY_SECONDS, Period, office_clock, on_days, seconds
from .config import (
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
from .funnel import CONTACT, PRICING, SERVICE, Mqls
from .leads import Leads

_SCORED_BIT = {PAGE["service"]: 1 << SERVICE, PAGE["pricing"]: 1 << PRICING, PAGE["contact"]: 1 << CONTACT}
_LANDING_MIX = {"landing": 0.5, "blog": 0.2, "service": 0.15, "case_study": 0.1, "pricing": 0.05}


def draw_browsing(
    rng: np.random.Generator, period: Period, leads: Leads, mqls: Mqls, clicks: Clicks
) -> ActivityBlock:
    """Organic sessions spread over each lead's life, plus a session after every email click."""
    alive_days = (period.end - leads.created_at).astype(np.int64) / DAY_SECONDS
    sessions = rng.poisson((SESSIONS_BASE + SESSIONS_ENGAGED * leads.engagement) * alive_days / 30.4)
    lead = np.repeat(np.arange(len(leads), dtype=np.int64), sessions)
    moment = leads.created_at[lead] + seconds(rng.random(len(lead)) * alive_days[lead] * DAY_SECONDS)
    at = np.maximum(
        on_days(moment.astype("datetime64[D]"), office_clock(rng, len(lead))),
        leads.created_at[lead] + np.timedelta64(60, "s"),
    )
    organic = _pages(rng, leads, lead, at, np.full(len(lead), -1), _mix(SCORED_PAGE_SHARE))
    landed = _pages(
        rng,
        leads,
        clicks.lead,
        clicks.at + seconds(rng.integers(3, 20, size=len(clicks.lead))),
        clicks.campaign,
        _mix(_LANDING_MIX),
    )
    lead, at, campaign, page = (np.concatenate([o, c]) for o, c in zip(organic, landed, strict=True))
    page = _allowed_pages(rng, mqls, lead, at, page)
    return ActivityBlock.of(lead, at, PAGE_VIEW, campaign=campaign, page=page)


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
    rng: np.random.Generator, leads: Leads, lead: Ints, start: Times, campaign: Ints, first_mix: Floats
) -> tuple[Ints, Times, Ints, Ints]:
    """Each session's pages: the first from ``first_mix``, the rest from the organic mix, 20 s–4 min apart."""
    pages = 1 + rng.poisson(0.3 + 2.0 * leads.engagement[lead])
    session = np.repeat(np.arange(len(lead)), pages)
    step = np.arange(len(session)) - np.repeat(np.cumsum(pages) - pages, pages)
    gaps = rng.integers(20, 240, size=len(session))
    gaps[step == 0] = 0
    elapsed = np.cumsum(gaps) - np.repeat((np.cumsum(gaps) - gaps)[np.cumsum(pages) - pages], pages)
    organic = _mix(SCORED_PAGE_SHARE)
    page = np.where(
        step == 0,
        rng.choice(len(PAGE), size=len(session), p=first_mix),
        rng.choice(len(PAGE), size=len(session), p=organic),
    )
    at = start[session] + seconds(elapsed)
    return lead[session], at, campaign[session], page.astype(np.int64)


def _allowed_pages(rng: np.random.Generator, mqls: Mqls, lead: Ints, at: Times, page: Ints) -> Ints:
    """Scored pages a lead may not show yet become ordinary reading (blog, case study, …)."""
    bit = np.zeros(len(PAGE), dtype=np.int64)
    for code, value in _SCORED_BIT.items():
        bit[code] = value
    blocked = (bit[page] != 0) & ((mqls.allowed[lead] & bit[page]) == 0) & (at < mqls.free_after[lead])
    unscored = np.array([PAGE[name] for name in UNSCORED_PAGES])
    replacement = unscored[rng.choice(len(unscored), size=len(page), p=np.asarray(UNSCORED_PAGE_SHARE))]
    return np.where(blocked, replacement, page)


def draw_downloads(
    rng: np.random.Generator, period: Period, calendar: Calendar, leads: Leads, mqls: Mqls
) -> ActivityBlock:
    """Extra white-paper downloads: one allowed before MQL, and more reading after it."""
    count = len(leads)
    alive = (period.end - leads.created_at).astype(np.int64)
    may = ((mqls.allowed & (1 << 0)) != 0) & ~mqls.creation_download & (rng.random(count) < 0.7)
    before = leads.created_at + seconds(rng.uniform(0.01, 1.0, size=count) * alive)
    is_mql = ~np.isnat(mqls.mql_at)
    after = mqls.free_after + seconds(rng.uniform(1, 60, size=count) * DAY_SECONDS)
    later = is_mql & (rng.random(count) < 0.35)
    lead = np.concatenate([np.flatnonzero(may), np.flatnonzero(later)])
    at = np.concatenate([before[may], after[later]])
    return ActivityBlock.of(lead, at, DOWNLOAD, campaign=calendar.active("whitepaper", at))
