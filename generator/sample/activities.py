"""All activities of a chunk of leads (arrival, MQL path, webinars, email, browsing, downloads), by time."""

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
from .funnel import CONTACT as PATH_CONTACT
from .funnel import DOWNLOAD as PATH_DOWNLOAD
from .funnel import FORM_SUBMIT as PATH_FORM
from .funnel import PRICING as PATH_PRICING
from .funnel import SERVICE as PATH_SERVICE
from .funnel import Mqls, PathEvents
from .leads import Leads
from .web import draw_browsing, draw_downloads
from .webinars import WebinarRows

_ARRIVAL_PAGE = {
    WEBINAR: "landing",
    WHITEPAPER: "landing",
    ADS: "landing",
    OWNED_MEDIA: "blog",
    INQUIRY: "contact",
}
_ARRIVAL_FORM = {
    WHITEPAPER: DOWNLOAD,
    ADS: DOWNLOAD,
    INQUIRY: FORM_SUBMIT,
}  # webinar registrations come separately


def draw_activities(
    rng: np.random.Generator,
    period: Period,
    calendar: Calendar,
    leads: Leads,
    form_at: Times,
    mqls: Mqls,
    paths: PathEvents,
    webinars: WebinarRows,
) -> ActivityBlock:
    """Every activity before the end of the as-of day, sorted by time (then lead, then type)."""
    email_blocks, clicks = draw_emails(rng, calendar, leads)
    blocks = [
        *_arrivals(leads, form_at),
        *_path_blocks(calendar, leads, paths),
        ActivityBlock.of(webinars.lead, webinars.registered_at, WEBINAR_REGISTER, campaign=webinars.campaign),
        ActivityBlock.of(webinars.lead, webinars.attended_at, WEBINAR_ATTEND, campaign=webinars.campaign),
        *email_blocks,
        draw_browsing(rng, period, leads, mqls, clicks),
        draw_downloads(rng, period, calendar, leads, mqls),
    ]
    everything = concat(blocks)
    keep = ~np.isnat(everything.at) & (everything.at < period.end)
    order = np.lexsort((everything.type[keep], everything.lead[keep], everything.at[keep]))
    return ActivityBlock(
        *(
            getattr(everything, name)[keep][order]
            for name in ("lead", "at", "type", "send", "campaign", "machine", "page")
        )
    )


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


def _path_blocks(calendar: Calendar, leads: Leads, paths: PathEvents) -> list[ActivityBlock]:
    """The scored actions that take each MQL over the threshold."""
    blocks = []
    for kind, page in ((PATH_SERVICE, "service"), (PATH_PRICING, "pricing"), (PATH_CONTACT, "contact")):
        mask = paths.kind == kind
        blocks.append(ActivityBlock.of(paths.lead[mask], paths.at[mask], PAGE_VIEW, page=PAGE[page]))
    mask = paths.kind == PATH_DOWNLOAD
    blocks.append(
        ActivityBlock.of(
            paths.lead[mask], paths.at[mask], DOWNLOAD, campaign=calendar.active("whitepaper", paths.at[mask])
        )
    )
    mask = paths.kind == PATH_FORM
    blocks.append(ActivityBlock.of(paths.lead[mask], paths.at[mask], FORM_SUBMIT))
    return blocks
