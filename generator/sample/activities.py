"""A chunk's activities: everything before the MQL decision (arrival, intent, webinars, email, browsing,
downloads), then what MQLs do after it; finally cut at the as-of day and sorted by time."""

from __future__ import annotations

import numpy as np

from .campaigns import Calendar
from .clock import Period
from .config import ADS, INQUIRY, OWNED_MEDIA, WEBINAR, WHITEPAPER, Times
from .emails import draw_emails
from .events import (
    DOWNLOAD,
    FORM_SUBMIT,
    PAGE,
    PAGE_VIEW,
    WEBINAR_ATTEND,
    WEBINAR_REGISTER,
    ActivityBlock,
    concat,
)
from .intent import IntentEvents
from .leads import Leads
from .web import draw_browsing, draw_downloads, draw_mql_browsing
from .webinars import WebinarRows

_ARRIVAL_PAGE = {
    WEBINAR: "landing",
    WHITEPAPER: "landing",
    ADS: "landing",
    OWNED_MEDIA: "blog",
    INQUIRY: "contact",
}
_ARRIVAL_FORM = {WHITEPAPER: DOWNLOAD, ADS: DOWNLOAD, INQUIRY: FORM_SUBMIT}  # webinars: see WebinarRows


def draw_behaviour(
    rng: np.random.Generator,
    period: Period,
    calendar: Calendar,
    leads: Leads,
    form_at: Times,
    intent: IntentEvents,
    webinars: WebinarRows,
) -> ActivityBlock:
    """Everything the MA sees before deciding who is an MQL."""
    email_blocks, clicks = draw_emails(rng, calendar, leads)
    whitepaper = calendar.active("whitepaper", intent.at)
    return concat(
        [
            *_arrivals(leads, form_at),
            ActivityBlock.of(
                intent.lead,
                intent.at,
                intent.type,
                page=intent.page,
                campaign=np.where(intent.type == DOWNLOAD, whitepaper, -1),
            ),
            ActivityBlock.of(
                webinars.lead, webinars.registered_at, WEBINAR_REGISTER, campaign=webinars.campaign
            ),
            ActivityBlock.of(webinars.lead, webinars.attended_at, WEBINAR_ATTEND, campaign=webinars.campaign),
            *email_blocks,
            draw_browsing(rng, period, leads, clicks),
            draw_downloads(rng, period, calendar, leads, None),
        ]
    )


def draw_after_mql(
    rng: np.random.Generator, period: Period, calendar: Calendar, leads: Leads, mql_at: Times
) -> ActivityBlock:
    return concat(
        [
            draw_mql_browsing(rng, period, leads, mql_at),
            draw_downloads(rng, period, calendar, leads, mql_at),
        ]
    )


def finish(period: Period, blocks: list[ActivityBlock]) -> ActivityBlock:
    """Only activities before the end of the as-of day, sorted by time (then lead, then type)."""
    everything = concat(blocks)
    keep = np.flatnonzero(~np.isnat(everything.at) & (everything.at < period.end))
    # One integer key (seconds since the period start, lead within the chunk, type) sorts in one pass.
    offset = (everything.at[keep] - period.start).astype(np.int64)
    key = (offset << 21 | everything.lead[keep]) << 4 | everything.type[keep]
    index = keep[np.argsort(key, kind="stable")]
    names = ("lead", "at", "type", "send", "campaign", "machine", "page")
    return ActivityBlock(*(getattr(everything, name)[index] for name in names))


def _arrivals(leads: Leads, form_at: Times) -> list[ActivityBlock]:
    """The landing page and the form each channel's leads arrive through (events and referrals leave none)."""
    blocks = []
    for channel, page in _ARRIVAL_PAGE.items():
        lead = np.flatnonzero(leads.channel == channel)
        campaign = leads.campaign[lead]
        blocks.append(
            ActivityBlock.of(lead, leads.created_at[lead], PAGE_VIEW, campaign=campaign, page=PAGE[page])
        )
        if channel in _ARRIVAL_FORM:
            blocks.append(ActivityBlock.of(lead, form_at[lead], _ARRIVAL_FORM[channel], campaign=campaign))
    return blocks
