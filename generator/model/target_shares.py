"""Targets compared like with like: a period's share of a target, the pace to date, the year-end forecast.

A count's or an amount's target is a total over its ``period`` (a fiscal year, a quarter, a month, a
week, or cumulative from ``start`` to the deadline). Each day carries a share of it — evenly across the
months of a year, or by the year's declared seasonality — so a month is compared with the month's share
(1/12 of 100 deals = 8.3), a week with its seven days' share, and the fiscal year to date with the sum
of its complete periods' shares (the *pace*). A repeating target (year, quarter, month, week) keeps
its pattern outside its own span; a cumulative one has no share outside ``start``–deadline.

A rate's, a ratio's or a duration's target is not a total: it holds for every period as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from .kpi import Kpi, Target
from .periods import FISCAL_YEAR_START_MONTH, Period, period_of
from .readings import KpiReadings, Reading


def target_on(kpi: Kpi, day: dt.date) -> Target | None:
    """The target in force on ``day``: the earliest one not yet past its deadline, else the last one."""
    if not kpi.targets:
        return None
    ordered = sorted(kpi.targets, key=lambda t: t.deadline)
    return next((t for t in ordered if t.deadline >= day), ordered[-1])


def target_for(kpi: Kpi, period: Period) -> Target | None:
    """The target in force at the end of ``period``."""
    return target_on(kpi, period.end - dt.timedelta(days=1))


def _days_in_month(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _month_weight(target: Target, day: dt.date) -> Fraction:
    """The share of a fiscal year's target that ``day``'s month carries."""
    weights = target.seasonality
    if not weights:
        return Fraction(1, 12)
    exact = [Fraction(weight) for weight in weights]
    return exact[(day.month - FISCAL_YEAR_START_MONTH) % 12] / sum(exact)


def daily_share(target: Target, day: dt.date) -> Fraction:
    """The fraction of ``target.value`` that falls on ``day`` (exact, so a whole year sums to 1)."""
    if target.period == "fiscal_year":
        return _month_weight(target, day) / _days_in_month(day)
    if target.period == "quarter":
        return Fraction(1, 3 * _days_in_month(day))
    if target.period == "month":
        return Fraction(1, _days_in_month(day))
    if target.period == "week":
        return Fraction(1, 7)
    if target.period == "cumulative" and target.start is not None:
        if target.start <= day <= target.deadline:
            return Fraction(1, (target.deadline - target.start).days + 1)
    return Fraction(0)


def _days(period: Period) -> list[dt.date]:
    return [period.start + dt.timedelta(days=n) for n in range((period.end - period.start).days)]


def _same_share_runs(target: Target, period: Period) -> list[tuple[dt.date, int]]:
    """``period`` cut into runs of days that share one ``daily_share``: (first day, length).

    A day's share changes only at a month's first day and at a cumulative target's start and end, so a
    year is 12–14 runs instead of 365 days.
    """
    cuts = {period.start, period.end}
    month = dt.date(period.start.year, period.start.month, 1)
    while month < period.end:
        cuts.add(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if target.start is not None:
        cuts |= {target.start, target.deadline + dt.timedelta(days=1)}
    inside = sorted(cut for cut in cuts if period.start <= cut <= period.end)
    return [(first, (after - first).days) for first, after in zip(inside, inside[1:], strict=False)]


def period_target(target: Target, period: Period, sums_over_time: bool) -> float | None:
    """What the target asks of ``period``: its share for a total, the value itself for a rate."""
    if not sums_over_time or target.period is None:
        return target.value
    runs = _same_share_runs(target, period)
    share = sum((daily_share(target, first) * days for first, days in runs), Fraction(0))
    return float(Fraction(target.value) * share) if share > 0 else None


def seasonal_factor(target: Target | None, period: Period) -> float:
    """How much heavier than an average month ``period`` is in the target's seasonality (1 without one):
    thresholds written for an average period scale by it."""
    if target is None or not target.seasonality or target.period != "fiscal_year":
        return 1.0
    days = _days(period)
    return float(sum((_month_weight(target, day) * 12 for day in days), Fraction(0)) / len(days))


@dataclass(frozen=True)
class ToDate:
    """A target's span so far: the complete periods' total against their shares (the pace)."""

    span: Period  # the fiscal year (or the cumulative target's span) being tracked
    first: Reading  # the first period counted
    through: Reading  # the latest complete period counted
    periods: int
    actual: float | None  # None when a counted period has no value
    pace: float  # what the target asked of the counted periods
    full: float  # the target for the whole span
    is_rate: bool = False  # a rate to date (Σ numerators ÷ Σ denominators), compared with the target as is

    @property
    def forecast(self) -> float | None:
        """The span's end at the pace so far (seasonality-aware): actual × full ÷ pace."""
        if self.is_rate or self.actual is None or self.pace <= 0:
            return None
        return self.actual * self.full / self.pace

    @property
    def achievement(self) -> float | None:
        """Actual over pace: 1.0 is exactly on pace."""
        if self.actual is None or self.pace == 0:
            return None
        return self.actual / self.pace


def to_date(
    kpi: Kpi, readings: KpiReadings, as_of: dt.date, sums_over_time: bool, shows_fraction: bool
) -> ToDate | None:
    """The fiscal year to date (or a cumulative target to date) through the judged period."""
    judged = readings.judged
    target = target_on(kpi, as_of)
    if judged is None or target is None:
        return None
    span = _span(target, as_of)
    counted = [
        r
        for r in readings.series
        if r.period.start >= span.start and r.period.end <= judged.period.end and r.phase == "complete"
    ]
    if not counted:
        return None
    if sums_over_time and target.period is not None:
        values = [r.value for r in counted]
        actual = None if any(v is None for v in values) else sum(v for v in values if v is not None)
        pace = sum(period_target(target, r.period, True) or 0.0 for r in counted)
        full = period_target(target, span, True) or 0.0
        return ToDate(span, counted[0], judged, len(counted), actual, pace, full)
    if shows_fraction:
        numerator = sum(r.point.numerator or 0.0 for r in counted)
        denominator = sum(r.point.denominator or 0.0 for r in counted)
        rate = numerator / denominator if denominator else None
        return ToDate(span, counted[0], judged, len(counted), rate, target.value, target.value, is_rate=True)
    return None


def _span(target: Target, as_of: dt.date) -> Period:
    if target.period == "cumulative" and target.start is not None:
        end = target.deadline + dt.timedelta(days=1)
        return Period(target.start, end, "fiscal_year", f"{target.start}〜{target.deadline}")
    return period_of(as_of, "fiscal_year")
