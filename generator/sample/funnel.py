"""Which leads become MQLs, when, and the scored behaviour that takes them over the threshold.

The sample agrees with the DOMAIN scoring guide (download +20, service page +25, pricing page +30, contact
page +40, threshold 60; a contact-form submit is a hot lead): an MQL's path of scored actions crosses 60 at
its ``mql_at``, and a lead that never became an MQL shows at most 50 points of behaviour — except a few
"crossers" left unconstrained, so rule-derived MQLs and recorded MQLs differ a little, as in real data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import DAY_SECONDS, Period, office_clock, on_days, seconds
from .config import (
    ADS,
    CHANNEL_MQL,
    CROSSER_SHARE,
    ENGAGEMENT,
    HOT_SHARE,
    INQUIRY,
    OTHER_MQL,
    SIZE_MQL,
    TARGET_MQL,
    WHITEPAPER,
    Bools,
    Ints,
    Times,
)
from .leads import NO_TIME, Leads

# Scored actions on a path (and the bits of the ``allowed`` mask for the first four).
DOWNLOAD, SERVICE, PRICING, CONTACT, FORM_SUBMIT = range(5)
ALL_SCORED = 0b1111
_PATHS_AFTER_DOWNLOAD = ((SERVICE, PRICING), (PRICING, SERVICE), (SERVICE, CONTACT))
_PATHS = (
    (DOWNLOAD, SERVICE, PRICING),
    (SERVICE, DOWNLOAD, PRICING),
    (DOWNLOAD, PRICING, SERVICE),
    (SERVICE, CONTACT),
    (PRICING, CONTACT),
)
_HOT_PATH = (CONTACT, FORM_SUBMIT)
# What a lead that is not (yet) an MQL may show: at most 50 points, whatever the path.
_ALLOWED = (
    (
        0,
        1 << SERVICE,
        1 << PRICING,
        1 << DOWNLOAD,
        (1 << DOWNLOAD) | (1 << SERVICE),
        (1 << DOWNLOAD) | (1 << PRICING),
    ),
    (0.45, 0.22, 0.08, 0.12, 0.08, 0.05),
)
_ALLOWED_AFTER_DOWNLOAD = ((0, 1 << SERVICE, 1 << PRICING), (0.6, 0.28, 0.12))


@dataclass(frozen=True)
class Mqls:
    mql_at: Times  # NaT: not an MQL by the as-of date
    hot: Bools  # handed off by a hot-lead action rather than the score
    free_after: Times  # from here on any behaviour is fine (MQL time, or creation for crossers)
    allowed: Ints  # bits of the scored behaviour allowed before ``free_after``
    creation_download: Bools  # arrived by a gated download (white paper, ads)


@dataclass(frozen=True)
class PathEvents:
    lead: Ints  # index within the chunk
    at: Times
    kind: Ints  # DOWNLOAD … FORM_SUBMIT


def form_time(leads: Leads, rng: np.random.Generator) -> Times:
    """When the lead's arrival form (download, registration, inquiry) was sent: just after its landing."""
    return leads.created_at + seconds(rng.integers(20, 120, size=len(leads)))


def draw_mqls(
    rng: np.random.Generator, period: Period, leads: Leads, form_at: Times
) -> tuple[Mqls, PathEvents]:
    count = len(leads)
    segment_boost = np.interp(leads.engagement, [0.03, 0.2, 0.73], [s[3] for s in reversed(ENGAGEMENT)])
    chance = (
        np.asarray(CHANNEL_MQL)[leads.channel]
        * np.where(leads.is_target, TARGET_MQL, OTHER_MQL)
        * np.asarray(SIZE_MQL)[leads.size]
        * segment_boost
    )
    inquiry = leads.channel == INQUIRY
    chance = np.where(inquiry, CHANNEL_MQL[INQUIRY], np.minimum(chance, 0.95))
    becomes = rng.random(count) < chance
    hot = inquiry | (rng.random(count) < HOT_SHARE)

    base = np.where(np.isnat(leads.attended_at), leads.created_at, leads.attended_at)
    quick = rng.random(count) < np.where(np.isnat(leads.attended_at), 0.3, 0.5)
    lag_days = np.where(quick, rng.uniform(0.05, 2.5, size=count), 1.0 + rng.exponential(32.0, size=count))
    # People act in office hours: the crossing lands on the lag's day at an office-clock time.
    day = (base + seconds(np.minimum(lag_days, 240.0) * DAY_SECONDS)).astype("datetime64[D]")
    crossing = np.maximum(on_days(day, office_clock(rng, count)), base + np.timedelta64(3600, "s"))
    crossing = np.where(inquiry, form_at, crossing)
    mql_at = crossing + seconds(rng.integers(60, 900, size=count))
    is_mql = becomes & (mql_at < period.end)

    creation_download = (leads.channel == WHITEPAPER) | (leads.channel == ADS)
    allowed = np.where(
        creation_download,
        rng.choice(_ALLOWED_AFTER_DOWNLOAD[0], size=count, p=_ALLOWED_AFTER_DOWNLOAD[1]),
        rng.choice(_ALLOWED[0], size=count, p=_ALLOWED[1]),
    )
    crosser = ~becomes & (rng.random(count) < CROSSER_SHARE)
    allowed = np.where(becomes, 0, np.where(crosser, ALL_SCORED, allowed)).astype(np.int64)
    end = np.full(count, period.end)
    free_after = np.where(is_mql, mql_at, np.where(crosser, leads.created_at, end))
    mqls = Mqls(np.where(is_mql, mql_at, NO_TIME), is_mql & hot, free_after, allowed, creation_download)
    paths = _paths(rng, leads, crossing, is_mql & ~inquiry, hot, creation_download)
    return mqls, paths


def _paths(
    rng: np.random.Generator,
    leads: Leads,
    crossing: Times,
    needs_path: Bools,
    hot: Bools,
    creation_download: Bools,
) -> PathEvents:
    """The 2–3 scored actions leading to each MQL: the last at the crossing, the rest up to 7 days before."""
    table = np.full((len(_PATHS) + len(_PATHS_AFTER_DOWNLOAD) + 1, 3), -1, dtype=np.int64)
    for row, path in enumerate((*_PATHS, *_PATHS_AFTER_DOWNLOAD, _HOT_PATH)):
        table[row, 3 - len(path) :] = path  # right-aligned: the last slot is the crossing action
    pick = np.where(
        creation_download,
        len(_PATHS) + rng.integers(0, len(_PATHS_AFTER_DOWNLOAD), size=len(hot)),
        rng.integers(0, len(_PATHS), size=len(hot)),
    )
    pick = np.where(hot, len(table) - 1, pick)
    kinds = table[pick]
    room = (crossing - leads.created_at).astype(np.int64) - 60
    gaps = np.sort(rng.random((len(hot), 2)), axis=1)[:, ::-1] * np.minimum(room, 7 * DAY_SECONDS)[:, None]
    gaps = np.where(
        hot[:, None], np.array([[0, 0]]) + rng.integers(30, 180, size=(len(hot), 1)) * np.array([0, 1]), gaps
    )
    offsets = np.concatenate([gaps, np.zeros((len(hot), 1))], axis=1)
    times = crossing[:, None] - seconds(offsets)
    keep = needs_path[:, None] & (kinds >= 0)
    lead = np.broadcast_to(np.arange(len(hot))[:, None], kinds.shape)
    return PathEvents(lead[keep], times[keep], kinds[keep])
