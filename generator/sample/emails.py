"""Email nurturing: every send to every subscribed lead, with delivery, bounces, opens (human and Apple MPP
machine opens), clicks and unsubscribes. A lead stops receiving mail after it unsubscribes or hard-bounces."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaigns import Calendar
from .clock import DAY_SECONDS, seconds
from .config import (
    BOUNCE_RATE,
    CLICK_BASE,
    CLICK_ENGAGED,
    OPEN_SCALE,
    REOPEN_SHARE,
    UNSUBSCRIBE_BASE,
    UNSUBSCRIBE_COLD,
    Bools,
    Ints,
    Times,
)
from .events import (
    EMAIL_BOUNCE,
    EMAIL_CLICK,
    EMAIL_DELIVERED,
    EMAIL_OPEN,
    EMAIL_SENT,
    EMAIL_UNSUBSCRIBE,
    ActivityBlock,
)
from .leads import Leads


@dataclass(frozen=True)
class Clicks:
    """Email clicks, which open a web session on the clicked page."""

    lead: Ints
    at: Times
    campaign: Ints


def draw_emails(
    rng: np.random.Generator, calendar: Calendar, leads: Leads
) -> tuple[list[ActivityBlock], Clicks]:
    lead, send = _recipients(rng, calendar, leads)
    count = len(lead)
    sent = calendar.send_at[send] + seconds(rng.integers(0, 600, size=count))
    engagement = leads.engagement[lead]
    bounce = leads.invalid_address[lead] | (rng.random(count) < BOUNCE_RATE)
    unsubscribe = ~bounce & (rng.random(count) < UNSUBSCRIBE_BASE + UNSUBSCRIBE_COLD * (1 - engagement) ** 2)
    # Mail stops after an unsubscribe, and after the first bounce of an address that does not exist.
    keep = ~_after_first(lead, unsubscribe | (bounce & leads.invalid_address[lead]))
    lead, send, sent, engagement = lead[keep], send[keep], sent[keep], engagement[keep]
    bounce, unsubscribe = bounce[keep], unsubscribe[keep]
    count = len(lead)
    campaign = calendar.send_campaign[send]
    delivered = ~bounce
    delivered_at = sent + seconds(rng.integers(2, 120, size=count))

    human = delivered & (rng.random(count) < OPEN_SCALE * engagement)
    opened_at = delivered_at + seconds(
        np.minimum(rng.lognormal(np.log(3 * 3600), 1.3, size=count), 10 * DAY_SECONDS)
    )
    again = human & (rng.random(count) < REOPEN_SHARE)
    reopened_at = opened_at + seconds(rng.lognormal(np.log(6 * 3600), 1.0, size=count))
    machine = delivered & leads.mpp[lead]
    machine_at = delivered_at + seconds(rng.integers(30, 1200, size=count))
    click = human & (rng.random(count) < CLICK_BASE + CLICK_ENGAGED * engagement)
    clicked_at = opened_at + seconds(rng.integers(5, 300, size=count))
    unsubscribed_at = delivered_at + seconds(rng.lognormal(np.log(2 * 3600), 1.0, size=count))

    def block(mask: Bools, at: Times, kind: int, is_machine: int = -1) -> ActivityBlock:
        return ActivityBlock.of(
            lead[mask], at[mask], kind, send=send[mask], campaign=campaign[mask], machine=is_machine
        )

    everyone = np.ones(count, dtype=bool)
    blocks = [
        block(everyone, sent, EMAIL_SENT),
        block(delivered, delivered_at, EMAIL_DELIVERED),
        block(bounce, delivered_at, EMAIL_BOUNCE),
        block(human, opened_at, EMAIL_OPEN, 0),
        block(again, reopened_at, EMAIL_OPEN, 0),
        block(machine, machine_at, EMAIL_OPEN, 1),
        block(click, clicked_at, EMAIL_CLICK),
        block(unsubscribe & delivered, unsubscribed_at, EMAIL_UNSUBSCRIBE),
    ]
    return blocks, Clicks(lead[click], clicked_at[click], campaign[click])


def _recipients(rng: np.random.Generator, calendar: Calendar, leads: Leads) -> tuple[Ints, Ints]:
    """(lead, send) pairs: each send after the lead's arrival reaches its audience share of the database."""
    first = np.searchsorted(calendar.send_at, leads.created_at, side="right")
    counts = len(calendar.send_at) - first
    lead = np.repeat(np.arange(len(leads), dtype=np.int64), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    send = np.repeat(first, counts) + (np.arange(len(lead)) - starts)
    chosen = rng.random(len(lead)) < calendar.send_audience[send]
    return lead[chosen], send[chosen].astype(np.int64)


def _after_first(lead: Ints, event: Bools) -> Bools:
    """True for rows after the lead's first ``event`` (rows grouped by lead, in time order within a lead)."""
    if len(lead) == 0:
        return np.zeros(0, dtype=bool)
    running = np.cumsum(event)
    starts = np.flatnonzero(np.r_[True, lead[1:] != lead[:-1]])
    before_lead: Ints = np.repeat(running[starts] - event[starts], np.diff(np.r_[starts, len(lead)]))
    return (running - event - before_lead) > 0
