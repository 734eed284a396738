"""The MA's lead scoring, simulated on the generated activities exactly as the engine executes the SLA.

Attribute points count from creation; each behaviour rule counts its most recent ``max_times`` activities,
each decaying by a quarter per full 30 days of age at the moment the score is taken; the score is taken
at every scored activity and the lead crosses at the first one reaching the threshold. The first
pricing-page view or form submit makes a lead hot at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import Period
from .config import (
    DECAY_EVERY_DAYS,
    DECAY_KEPT,
    HOT_TRIGGERS,
    PAGE_CATEGORIES,
    SCORING_RULES,
    TARGET_INDUSTRY_POINTS,
    THRESHOLD,
    Bools,
    Floats,
    Ints,
    Times,
)
from .events import ACTIVITY_TYPES, ActivityBlock
from .leads import NO_TIME, Leads

_NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Readiness:
    crossed_at: Times  # NaT: never reached the threshold
    hot_at: Times  # NaT: no hot-lead action


def _matches(block: ActivityBlock, kind: str, page: str) -> Bools:
    match = block.type == ACTIVITY_TYPES.index(kind)
    if page:
        match &= block.page == PAGE_CATEGORIES.index(page)
    return np.asarray(match, dtype=np.bool_)


def score_readiness(period: Period, leads: Leads, block: ActivityBlock) -> Readiness:
    """When each lead of the chunk crossed the threshold and when it first acted hot (NaT when never)."""
    valid = ~np.isnat(block.at) & (block.at < period.end)
    hot = np.zeros(len(block.lead), dtype=np.bool_)
    for kind, page in HOT_TRIGGERS:
        hot |= _matches(block, kind, page)
    hot_at = _first_per_lead(len(leads), block.lead[hot & valid], block.at[hot & valid])

    rule = np.full(len(block.lead), -1, dtype=np.int64)
    for index, (kind, page, _, _) in enumerate(SCORING_RULES):
        rule[_matches(block, kind, page) & valid] = index
    scored = rule >= 0
    lead, at, rule = block.lead[scored], block.at[scored], rule[scored]
    expires = _expiry(lead, at, rule)
    order = np.lexsort((at, lead))
    lead, at, rule, expires = lead[order], at[order], rule[order], expires[order]
    points = np.array([r[2] for r in SCORING_RULES], dtype=np.float64)[rule]
    attribute = np.where(leads.is_target, TARGET_INDUSTRY_POINTS, 0).astype(np.float64)
    score = attribute[lead] + _behaviour(lead, at, points, expires)
    crossing = score >= THRESHOLD
    return Readiness(_first_per_lead(len(leads), lead[crossing], at[crossing]), hot_at)


def _expiry(lead: Ints, at: Times, rule: Ints) -> Times:
    """When each scored activity stops counting: at its rule's ``max_times``-th newer activity of the lead."""
    order = np.lexsort((at, lead, rule))
    lead_s, at_s, rule_s = lead[order], at[order], rule[order]
    expires_sorted = np.full(len(order), NO_TIME)
    for index, (_, _, _, max_times) in enumerate(SCORING_RULES):
        later = np.arange(len(order)) + max_times
        inside = later < len(order)
        target = np.minimum(later, len(order) - 1)
        same = inside & (lead_s[target] == lead_s) & (rule_s[target] == rule_s) & (rule_s == index)
        expires_sorted = np.where(same, at_s[target], expires_sorted)
    expires = np.empty_like(expires_sorted)
    expires[order] = expires_sorted
    return expires


def _behaviour(lead: Ints, at: Times, points: Floats, expires: Times) -> Floats:
    """Behaviour score at each scored activity (rows sorted by lead, then time)."""
    count = len(lead)
    if count == 0:
        return np.zeros(0)
    seconds = at.astype(np.int64)
    key = lead * (np.int64(1) << 40) + (seconds - seconds.min())
    upto = np.searchsorted(key, key, side="right") - 1  # ties at the same moment count together
    first = np.searchsorted(lead, lead, side="left")
    pairs = upto - first + 1
    moment = np.repeat(np.arange(count), pairs)
    event = np.repeat(first, pairs) + (np.arange(pairs.sum()) - np.repeat(np.cumsum(pairs) - pairs, pairs))
    age_days = (at[moment].astype("datetime64[D]") - at[event].astype("datetime64[D]")).astype(np.int64)
    alive = np.isnat(expires[event]) | (expires[event] > at[moment])
    kept = np.where(alive, points[event] * DECAY_KEPT ** (age_days // DECAY_EVERY_DAYS), 0.0)
    return np.asarray(np.bincount(moment, weights=kept, minlength=count), dtype=np.float64)


def _first_per_lead(count: int, lead: Ints, at: Times) -> Times:
    earliest = np.full(count, _NEVER, dtype=np.int64)
    np.minimum.at(earliest, lead, at.astype(np.int64))
    return np.where(earliest == _NEVER, NO_TIME, earliest.astype("datetime64[s]"))
