"""After the MQL: hand-off to inside sales, first contact in business hours, SQL, opportunity, won or lost.

Speed matters in the sample as in the field: leads contacted within the hour convert best, those past the
8-business-hour deadline worst, and webinar attendees called within 5 days convert ~2.5× those called later.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import DAY_SECONDS, OFFICE_HOURS, Period, add_business_hours, seconds
from .config import (
    AUGUST_SLOWER,
    CHANNEL_SQL,
    CONTACT_MEDIAN_HOURS,
    CONTACT_SIGMA,
    DEAL_MEDIAN_YEN,
    DEAL_SIGMA,
    LOST_DAYS,
    MARGIN_RANGE,
    NEVER_CONTACTED,
    OPPORTUNITY_DAYS,
    OPPORTUNITY_RATE,
    OTHER_SQL,
    QUICK_WIN_SHARE,
    RESPONSE_DEADLINE_HOURS,
    SIZE_DEAL,
    SQL_BASE,
    SQL_DAYS,
    TARGET_SQL,
    WEBINAR_FOLLOW_UP,
    WEST_SLOWER,
    WIN_RATE,
    WON_DAYS,
    Bools,
    Floats,
    Ints,
    Times,
)
from .funnel import Mqls
from .leads import NO_TIME, Leads, reorder
from .webinars import WebinarRows

TRIGGERS = ("score", "hot_lead")
OUTCOMES = ("sql", "recycled", "disqualified", "no_response", "open")
FEEDBACK = ("on_time", "too_early", "too_late", "bad_fit")
STAGES = ("qualification", "proposal", "negotiation", "closed_won", "closed_lost")
SQL, RECYCLED, DISQUALIFIED, NO_RESPONSE, OPEN = range(5)


@dataclass(frozen=True)
class Handoffs:
    lead: Ints  # index within the chunk
    handed_off_at: Times
    trigger: Ints
    team: Ints
    first_contact_at: Times
    attempts: Ints
    outcome: Ints
    feedback: Ints  # -1: none yet


@dataclass(frozen=True)
class Deals:
    lead: Ints
    created_at: Times
    stage: Ints
    amount_yen: Floats
    gross_profit_yen: Floats
    is_won: Bools
    closed_at: Times


@dataclass(frozen=True)
class Stages:
    """The lead's later lifecycle timestamps (NaT when not reached by the as-of date)."""

    sql_at: Times
    opportunity_at: Times
    won_at: Times
    lost_at: Times


def draw_sales(
    rng: np.random.Generator, period: Period, leads: Leads, mqls: Mqls, webinars: WebinarRows
) -> tuple[Handoffs, Deals, Stages]:
    lead = np.flatnonzero(~np.isnat(mqls.mql_at))
    count = len(lead)
    handed = mqls.mql_at[lead] + seconds(rng.integers(120, 1800, size=count))
    hot = mqls.hot[lead]
    team = leads.team[lead]
    median = np.where(hot, CONTACT_MEDIAN_HOURS["hot_lead"], CONTACT_MEDIAN_HOURS["score"])
    august = handed.astype("datetime64[M]").astype(np.int64) % 12 == 7
    delay = (
        rng.lognormal(np.log(median), CONTACT_SIGMA)
        * np.where(team == 1, WEST_SLOWER, 1.0)
        * np.where(august, AUGUST_SLOWER, 1.0)
    )
    contact = add_business_hours(period, handed, delay)
    never = rng.random(count) < NEVER_CONTACTED
    pending = ~never & (contact >= period.end)
    contacted = ~never & ~pending
    contact = np.where(contacted, contact, NO_TIME)

    chance = (
        SQL_BASE
        * np.asarray(CHANNEL_SQL)[leads.channel[lead]]
        * np.where(leads.is_target[lead], TARGET_SQL, OTHER_SQL)
        * np.select([delay <= 1.0, delay <= RESPONSE_DEADLINE_HOURS], [1.5, 1.1], 0.55)
        * _webinar_follow_up(webinars, lead, contact)
    )
    becomes_sql = contacted & (rng.random(count) < np.minimum(chance, 0.9))
    sql_at = _after_business_days(rng, period, contact, SQL_DAYS, 0.8)
    sql_in_time = becomes_sql & (sql_at < period.end)
    other = rng.choice([RECYCLED, DISQUALIFIED, NO_RESPONSE], size=count, p=[0.45, 0.35, 0.2])
    outcome = np.select([sql_in_time, becomes_sql, contacted, never], [SQL, OPEN, other, NO_RESPONSE], OPEN)
    attempts = np.select(
        [contacted, never],
        [rng.geometric(0.55, size=count), rng.integers(2, 7, size=count)],
        rng.integers(0, 2, size=count),
    )
    breached = never | (delay > RESPONSE_DEADLINE_HOURS)
    handoffs = Handoffs(
        lead,
        handed,
        hot.astype(np.int64),
        team,
        contact,
        attempts.astype(np.int64),
        outcome.astype(np.int64),
        _feedback(rng, outcome, breached),
    )

    sql_lead = np.where(sql_in_time, sql_at, NO_TIME)
    opportunity = _after_business_days(rng, period, sql_lead, OPPORTUNITY_DAYS, 0.7)
    has_opportunity = sql_in_time & (rng.random(count) < OPPORTUNITY_RATE) & (opportunity < period.end)
    deals = _deals(rng, period, leads, lead[has_opportunity], opportunity[has_opportunity])
    stages = _stages(len(leads), lead, sql_lead, np.where(has_opportunity, opportunity, NO_TIME), deals)
    return handoffs, deals, stages


def _after_business_days(
    rng: np.random.Generator, period: Period, start: Times, median_days: float | Floats, sigma: float
) -> Times:
    """A log-normal number of business days after ``start``, landing in office hours (SFA entries)."""
    valid = ~np.isnat(start)
    days = rng.lognormal(np.log(median_days), sigma, size=len(start))
    moved = add_business_hours(period, np.where(valid, start, period.start), days * OFFICE_HOURS)
    return np.where(valid, moved, NO_TIME)


def _webinar_follow_up(webinars: WebinarRows, lead: Ints, contact: Times) -> Floats:
    """Better odds when the last webinar attended before the first contact was within 5 days of it."""
    attended = ~np.isnat(webinars.attended_at)
    if not attended.any() or len(lead) == 0:
        return np.ones(len(lead))
    scale = np.int64(1) << 40  # lead index above, seconds below: one sorted key for both
    keys = webinars.lead[attended] * scale + webinars.attended_at[attended].astype(np.int64)
    keys.sort()
    probe = lead * scale + np.where(np.isnat(contact), 0, contact.astype(np.int64))
    position = np.searchsorted(keys, probe, side="right") - 1
    found = position >= 0
    previous = keys[np.maximum(position, 0)]
    same_lead = found & (previous // scale == lead) & ~np.isnat(contact)
    days = (probe - previous) / DAY_SECONDS
    return np.where(same_lead, np.where(days <= 5.0, WEBINAR_FOLLOW_UP[0], WEBINAR_FOLLOW_UP[1]), 1.0)


def _feedback(rng: np.random.Generator, outcome: Ints, breached: Bools) -> Ints:
    """IS feedback: slow hand-offs read "too late", recycled ones "too early", disqualified ones "bad fit"."""
    draw = rng.random(len(outcome))
    on_time, too_early, too_late, bad_fit = range(4)
    by_outcome = np.select(
        [outcome == SQL, outcome == RECYCLED, outcome == DISQUALIFIED, outcome == NO_RESPONSE],
        [
            np.where(draw < np.where(breached, 0.5, 0.1), too_late, on_time),
            np.where(draw < 0.6, too_early, on_time),
            np.where(draw < 0.8, bad_fit, too_early),
            np.where(draw < np.where(breached, 0.7, 0.2), too_late, on_time),
        ],
        -1,
    )
    return by_outcome.astype(np.int64)


def _deals(rng: np.random.Generator, period: Period, leads: Leads, lead: Ints, created: Times) -> Deals:
    count = len(lead)
    wins = rng.random(count) < WIN_RATE * np.where(leads.is_target[lead], 1.15, 0.85)
    quick = wins & (rng.random(count) < QUICK_WIN_SHARE)
    closed = np.where(
        quick,
        add_business_hours(period, created, rng.uniform(4, 16, size=count) * OFFICE_HOURS),
        _after_business_days(rng, period, created, np.where(wins, WON_DAYS, LOST_DAYS), 0.55),
    )
    is_closed = closed < period.end
    age = (period.end - created).astype(np.int64) / DAY_SECONDS
    open_stage = np.select([age < 20, age < 50], [0, 1], 2)
    stage = np.where(is_closed, np.where(wins, 3, 4), open_stage)
    amount = (
        DEAL_MEDIAN_YEN * np.asarray(SIZE_DEAL)[leads.size[lead]] * rng.lognormal(0.0, DEAL_SIGMA, size=count)
    )
    amount = np.maximum(np.round(amount, -4), 300_000.0)
    profit = np.round(amount * rng.uniform(*MARGIN_RANGE, size=count), -3)
    deals = Deals(
        lead,
        created,
        stage.astype(np.int64),
        amount,
        profit,
        wins & is_closed,
        np.where(is_closed, closed, NO_TIME),
    )
    return reorder(deals, np.argsort(created, kind="stable"))


def _stages(count: int, lead: Ints, sql_at: Times, opportunity_at: Times, deals: Deals) -> Stages:
    stages = Stages(*(np.full(count, NO_TIME) for _ in range(4)))
    stages.sql_at[lead] = sql_at
    stages.opportunity_at[lead] = opportunity_at
    won = deals.is_won
    lost = deals.stage == 4
    stages.won_at[deals.lead[won]] = deals.closed_at[won]
    stages.lost_at[deals.lead[lost]] = deals.closed_at[lost]
    return stages
