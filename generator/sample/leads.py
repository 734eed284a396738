"""Leads: who they are (channel, campaign, industry, size, team), when they came, how engaged they are."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from .campaigns import Calendar
from .clock import DAY_SECONDS, Period, office_clock, on_days, seconds
from .config import (
    ADS,
    ATTEND_BASE,
    ATTEND_ENGAGED,
    CHANNEL_SHARE,
    COMPANY_SIZES,
    ENGAGEMENT,
    ENGAGEMENT_SHARE,
    EVENT,
    INDUSTRIES,
    INDUSTRY_SHARE,
    INVALID_ADDRESS_SHARE,
    MPP_SHARE,
    OWNED_MEDIA,
    SIZE_SHARE,
    TARGET_INDUSTRIES,
    TEAM_SHARE,
    WEBINAR,
    WHITEPAPER,
    Bools,
    Floats,
    Ints,
    Times,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

NO_TIME = np.datetime64("NaT", "s")
RowsT = TypeVar("RowsT", bound="DataclassInstance")


@dataclass(frozen=True)
class Leads:
    """One chunk of leads, in order of ``created_at``; ``number`` is the global lead number (L00000001)."""

    number: Ints
    created_at: Times
    channel: Ints
    campaign: Ints  # index into the calendar's campaigns, -1 when none (referral, inquiry)
    industry: Ints
    is_target: Bools
    size: Ints
    team: Ints
    engagement: Floats  # chance of answering a touch; engaged leads answer streaks of mails
    mpp: Bools  # reads mail in Apple Mail: every delivered mail gets a machine open
    invalid_address: Bools
    attended_at: Times  # webinar-channel leads: when they attended the webinar they registered for

    def __len__(self) -> int:
        return len(self.number)


def reorder(rows: RowsT, order: Ints) -> RowsT:
    """The same rows (a dataclass of equal-length arrays) in ``order``."""
    changes: dict[str, Any] = {f.name: getattr(rows, f.name)[order] for f in fields(rows)}
    return replace(rows, **changes)


def draw_leads(
    rng: np.random.Generator,
    period: Period,
    calendar: Calendar,
    day_weights: Floats,
    first_number: int,
    count: int,
) -> Leads:
    channel = rng.choice(len(CHANNEL_SHARE), size=count, p=_normalised(CHANNEL_SHARE))
    created = on_days(
        period.first_day + rng.choice(period.days, size=count, p=day_weights / day_weights.sum()),
        office_clock(rng, count),
    )
    campaign = np.full(count, -1, dtype=np.int64)
    created, campaign, attended = _webinar_registrations(rng, period, calendar, channel, created, campaign)
    created, campaign = _exhibition_cards(rng, period, calendar, channel, created, campaign)
    campaign = np.where(channel == WHITEPAPER, calendar.active("whitepaper", created), campaign)
    for program, code in (("ads", ADS), ("owned_media", OWNED_MEDIA)):
        ids = calendar.of_program(program)
        chosen = ids[rng.choice(len(ids), size=count, p=calendar.weights(program))]
        campaign = np.where(channel == code, chosen, campaign)

    industry = rng.choice(len(INDUSTRIES), size=count, p=_normalised(INDUSTRY_SHARE))
    targets = np.array([name in TARGET_INDUSTRIES for name in INDUSTRIES])
    shares = np.cumsum(np.asarray(ENGAGEMENT_SHARE)[channel], axis=1)
    segment = (rng.random((count, 1)) > shares[:, :-1]).sum(axis=1)
    a, b = np.array([s[0] for s in ENGAGEMENT])[segment], np.array([s[1] for s in ENGAGEMENT])[segment]
    engagement = rng.beta(a, b)
    leads = Leads(
        number=np.zeros(count, dtype=np.int64),
        created_at=created,
        channel=channel.astype(np.int64),
        campaign=campaign,
        industry=industry.astype(np.int64),
        is_target=targets[industry],
        size=rng.choice(len(COMPANY_SIZES), size=count, p=_normalised(SIZE_SHARE)).astype(np.int64),
        team=rng.choice(len(TEAM_SHARE), size=count, p=_normalised(TEAM_SHARE)).astype(np.int64),
        engagement=engagement,
        mpp=rng.random(count) < MPP_SHARE,
        invalid_address=rng.random(count) < INVALID_ADDRESS_SHARE,
        attended_at=attended,
    )
    order = np.lexsort((leads.channel, leads.created_at))
    leads = reorder(leads, order)
    return replace(leads, number=first_number + np.arange(count, dtype=np.int64))


def _webinar_registrations(
    rng: np.random.Generator,
    period: Period,
    calendar: Calendar,
    channel: Ints,
    created: Times,
    campaign: Ints,
) -> tuple[Times, Ints, Times]:
    """Webinar leads arrive by registering 0–21 days before a webinar; about half attend."""
    webinars, when = calendar.of_program("webinar"), calendar.event_times("webinar")
    pick = rng.choice(len(webinars), size=len(channel), p=calendar.weights("webinar"))
    event = when[pick]
    room = np.minimum((event - period.start).astype(np.int64), 21 * DAY_SECONDS)
    registered = event - seconds(rng.uniform(0.02, 1.0, size=len(channel)) * room)
    is_webinar = channel == WEBINAR
    attends = (
        is_webinar & (rng.random(len(channel)) < ATTEND_BASE + ATTEND_ENGAGED * 0.5) & (event < period.end)
    )
    attended = np.where(attends, event + seconds(rng.integers(0, 600, size=len(channel))), NO_TIME)
    return (
        np.where(is_webinar, registered, created),
        np.where(is_webinar, webinars[pick], campaign),
        attended,
    )


def _exhibition_cards(
    rng: np.random.Generator,
    period: Period,
    calendar: Calendar,
    channel: Ints,
    created: Times,
    campaign: Ints,
) -> tuple[Times, Ints]:
    """Exhibition leads are business cards imported 1–5 business days after the show."""
    events, when = calendar.of_program("event"), calendar.event_times("event")
    pick = rng.choice(len(events), size=len(channel), p=calendar.weights("event"))
    show_day = when[pick].astype("datetime64[D]")
    import_day = np.busday_offset(
        show_day, rng.integers(1, 6, size=len(channel)), roll="forward", holidays=period.holidays
    )
    imported = on_days(import_day, office_clock(rng, len(channel)))
    imported = np.where(imported < period.end, imported, when[pick] + np.timedelta64(8, "h"))
    is_event = channel == EVENT
    return np.where(is_event, imported, created), np.where(is_event, events[pick], campaign)


def _normalised(weights: Any) -> Floats:
    values = np.asarray(weights, dtype=np.float64)
    return np.asarray(values / values.sum(), dtype=np.float64)
