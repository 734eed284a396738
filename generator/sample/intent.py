"""Buying intent: the burst of high-value actions (pricing page, contact form) that makes a lead hot.

Which leads show it and when is drawn here; whether that makes them MQLs is left to the MA's scoring.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import DAY_SECONDS, Period, office_clock, on_days, seconds
from .config import (
    CHANNEL_INTENT,
    ENGAGEMENT,
    INTENT_PATHS,
    OTHER_MQL,
    SIZE_MQL,
    TARGET_MQL,
    Ints,
    Times,
)
from .events import DOWNLOAD, FORM_SUBMIT, PAGE, PAGE_VIEW
from .leads import Leads

# Path steps as (activity type, page category or -1).
_STEP = {"download": (DOWNLOAD, -1), "form_submit": (FORM_SUBMIT, -1)}


@dataclass(frozen=True)
class IntentEvents:
    lead: Ints  # index within the chunk
    at: Times
    type: Ints
    page: Ints  # -1 unless a page view


def form_time(leads: Leads, rng: np.random.Generator) -> Times:
    """When the lead's arrival form (download, registration, inquiry) was sent: just after its landing."""
    return leads.created_at + seconds(rng.integers(20, 120, size=len(leads)))


def draw_intent(rng: np.random.Generator, period: Period, leads: Leads) -> IntentEvents:
    """Intent bursts: 1–3 actions over up to 7 days, ending on a working day after arrival (or a webinar)."""
    count = len(leads)
    boost = np.interp(leads.engagement, [0.03, 0.2, 0.73], [s[2] for s in reversed(ENGAGEMENT)])
    chance = (
        np.asarray(CHANNEL_INTENT)[leads.channel]
        * np.where(leads.is_target, TARGET_MQL, OTHER_MQL)
        * np.asarray(SIZE_MQL)[leads.size]
        * boost
    )
    has_intent = rng.random(count) < np.minimum(chance, 0.95)
    base = np.where(np.isnat(leads.attended_at), leads.created_at, leads.attended_at)
    quick = rng.random(count) < np.where(np.isnat(leads.attended_at), 0.3, 0.5)
    lag_days = np.where(quick, rng.uniform(0.05, 2.5, size=count), 1.0 + rng.exponential(32.0, size=count))
    day = (base + seconds(np.minimum(lag_days, 240.0) * DAY_SECONDS)).astype("datetime64[D]")
    last = np.maximum(on_days(day, office_clock(rng, count)), base + np.timedelta64(3600, "s"))

    table = np.full((len(INTENT_PATHS), 3, 2), -1, dtype=np.int64)
    for row, (names, _) in enumerate(INTENT_PATHS):
        for slot, step in enumerate(names, start=3 - len(names)):  # right-aligned: last slot is the climax
            table[row, slot] = _STEP.get(step, (PAGE_VIEW, PAGE.get(step, -1)))
    shares = np.array([share for _, share in INTENT_PATHS])
    steps = table[rng.choice(len(INTENT_PATHS), size=count, p=shares / shares.sum())]
    room = (last - leads.created_at).astype(np.int64) - 60
    gaps = np.sort(rng.random((count, 2)), axis=1)[:, ::-1] * np.minimum(room, 7 * DAY_SECONDS)[:, None]
    times = last[:, None] - seconds(np.concatenate([gaps, np.zeros((count, 1))], axis=1))
    keep = has_intent[:, None] & (steps[:, :, 0] >= 0)
    lead = np.broadcast_to(np.arange(count)[:, None], keep.shape)
    return IntentEvents(lead[keep], times[keep], steps[:, :, 0][keep], steps[:, :, 1][keep])
