"""A period's share of a target, summed over runs of days with one share, equals the day-by-day sum."""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

from generator.model.kpi import Target
from generator.model.periods import Period, period_of
from generator.model.target_shares import daily_share, period_target


def day_by_day(target: Target, period: Period) -> float | None:
    """The definition itself: every day's exact share, added one day at a time."""
    days = (period.start + dt.timedelta(days=n) for n in range((period.end - period.start).days))
    share = sum((daily_share(target, day) for day in days), Fraction(0))
    return float(Fraction(target.value) * share) if share > 0 else None


def random_target(rng: random.Random) -> Target:
    period = rng.choice(["fiscal_year", "quarter", "month", "week", "cumulative"])
    deadline = dt.date(2026, 3, 31) + dt.timedelta(days=rng.randint(0, 800))
    fields: dict[str, object] = {
        "value": rng.choice([100.0, 500_000_000.0, 12_345.0]),
        "direction": "at_least",
        "deadline": deadline,
        "period": period,
        "scope": "test",
    }
    if period == "cumulative":
        fields["start"] = deadline - dt.timedelta(days=rng.randint(0, 500))
    if period == "fiscal_year" and rng.random() < 0.5:
        fields["seasonality"] = [rng.randint(1, 9) for _ in range(12)]
    return Target.model_validate(fields)


def random_period(rng: random.Random) -> Period:
    start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
    if rng.random() < 0.2:  # a span of its own, as a cumulative target's
        return Period(start, start + dt.timedelta(days=rng.randint(1, 700)), "month", "span")
    return period_of(start, rng.choice(["week", "month", "quarter", "fiscal_year"]))


def test_the_share_of_any_period_is_the_sum_of_its_days() -> None:
    rng = random.Random(20261206)  # fixed: the same 2,000 cases every run
    for _ in range(2_000):
        target, period = random_target(rng), random_period(rng)
        assert period_target(target, period, True) == day_by_day(target, period), (target, period)


def test_a_cumulative_target_counts_only_its_own_days() -> None:
    # 1,000 over 10 days (Sep 21–30): the week of Sep 28 holds 3 of them → 300; the week after, none.
    target = Target.model_validate(
        {
            "value": 1_000.0,
            "direction": "at_least",
            "deadline": dt.date(2026, 9, 30),
            "period": "cumulative",
            "start": dt.date(2026, 9, 21),
            "scope": "test",
        }
    )
    assert period_target(target, period_of(dt.date(2026, 9, 28), "week"), True) == 300.0
    assert period_target(target, period_of(dt.date(2026, 10, 5), "week"), True) is None
