"""Webinar registrations and attendance: webinar-channel leads arrive by registering; others are invited."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaigns import Calendar
from .clock import DAY_SECONDS, Period, seconds
from .config import (
    ATTEND_BASE,
    ATTEND_ENGAGED,
    WEBINAR,
    WEBINAR_REGISTER_BASE,
    WEBINAR_REGISTER_ENGAGED,
    Ints,
    Times,
)
from .leads import NO_TIME, Leads


@dataclass(frozen=True)
class WebinarRows:
    lead: Ints  # index within the chunk
    campaign: Ints
    registered_at: Times
    attended_at: Times  # NaT: registered but did not attend


def draw_webinars(
    rng: np.random.Generator, period: Period, calendar: Calendar, leads: Leads, form_at: Times
) -> WebinarRows:
    """Registrations of webinar-channel leads (their arrival) and of earlier leads invited by mail."""
    own = np.flatnonzero(leads.channel == WEBINAR)
    parts = [WebinarRows(own, leads.campaign[own], form_at[own], leads.attended_at[own])]
    for campaign, event in zip(calendar.of_program("webinar"), calendar.event_times("webinar"), strict=True):
        if event >= period.end:
            continue
        known = leads.created_at < event - np.timedelta64(2, "D")
        chance = WEBINAR_REGISTER_BASE + WEBINAR_REGISTER_ENGAGED * leads.engagement
        lead = np.flatnonzero(known & (leads.channel != WEBINAR) & (rng.random(len(leads)) < chance))
        earliest = (event - leads.created_at[lead]).astype(np.int64) - 3600
        registered = event - seconds(np.minimum(rng.uniform(1, 12, size=len(lead)) * DAY_SECONDS, earliest))
        attends = rng.random(len(lead)) < ATTEND_BASE + ATTEND_ENGAGED * leads.engagement[lead]
        attended = np.where(attends, event + seconds(rng.integers(0, 600, size=len(lead))), NO_TIME)
        parts.append(WebinarRows(lead, np.full(len(lead), campaign), registered, attended))
    return WebinarRows(
        *(
            np.concatenate([getattr(p, name) for p in parts])
            for name in ("lead", "campaign", "registered_at", "attended_at")
        )
    )
