"""Time in the sample: the one-year period, seasonal day weights, office-hour clocks and business hours.

Timestamps are naive Japan local time (Asia/Tokyo) at one-second resolution, as the engine expects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
import numpy as np

from .config import (
    HOLIDAY_WEIGHT,
    HOUR_WEIGHT,
    MONTH_WEIGHT,
    WEEKDAY_WEIGHT,
    Bools,
    Deltas,
    Floats,
    Ints,
    Times,
)

DAY_SECONDS = 86_400
OPENS_SECONDS = 9 * 3600  # the SLA calendar's default office hours, 09:00–18:00
CLOSES_SECONDS = 18 * 3600
OFFICE_HOURS = (CLOSES_SECONDS - OPENS_SECONDS) / 3600


@dataclass(frozen=True)
class Period:
    """One year ending at the as-of date: ``start`` 00:00 up to (not including) the day after ``as_of``."""

    as_of: dt.date
    first_day: np.datetime64
    days: int
    holidays: Times

    @classmethod
    def ending(cls, as_of: dt.date) -> Period:
        first = _one_year_before(as_of) + dt.timedelta(days=1)
        years = range(first.year - 1, as_of.year + 2)
        public = set(holidays.country_holidays("JP", years=list(years)).keys())
        # The company's own closures, as in the SLA calendar: お盆 (13–14 Aug) and 年末年始 (29 Dec–3 Jan).
        for year in years:
            public |= {dt.date(year, 8, 13), dt.date(year, 8, 14), dt.date(year, 1, 2), dt.date(year, 1, 3)}
            public |= {dt.date(year, 12, day) for day in (29, 30, 31)}
        return cls(
            as_of,
            np.datetime64(first, "D"),
            (as_of - first).days + 1,
            np.array(sorted(public), "datetime64[D]"),
        )

    @property
    def start(self) -> np.datetime64:
        midnight = dt.datetime.combine(self.as_of, dt.time())
        return np.datetime64(midnight - dt.timedelta(days=self.days - 1), "s")

    @property
    def end(self) -> np.datetime64:
        """The first instant after the as-of day: nothing in the sample happens at or after it."""
        return np.datetime64(dt.datetime.combine(self.as_of, dt.time()) + dt.timedelta(days=1), "s")

    def day_list(self) -> Times:
        return self.first_day + np.arange(self.days)

    def months(self) -> list[np.datetime64]:
        """First day of each calendar month in the period, oldest first."""
        first = self.first_day.astype("datetime64[M]")
        last = (self.first_day + np.timedelta64(self.days - 1, "D")).astype("datetime64[M]")
        return [m.astype("datetime64[D]") for m in np.arange(first, last + 1)]

    def is_business_day(self, days: Times) -> Bools:
        return np.is_busday(days, holidays=self.holidays)


def _one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def lead_day_weights(period: Period) -> Floats:
    """Relative chance of each day of the period to see a new lead: season × weekday × holiday."""
    days = period.day_list()
    months = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    weekdays = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    weights = np.array([MONTH_WEIGHT[int(m)] for m in range(1, 13)])[months - 1]
    weights = weights * np.asarray(WEEKDAY_WEIGHT)[weekdays]
    holiday = np.isin(days, period.holidays)
    weights = np.where(holiday, weights * HOLIDAY_WEIGHT, weights)
    year_end = _year_end_holidays(days)
    return np.asarray(np.where(year_end, weights * 0.15, weights), dtype=np.float64)


def _year_end_holidays(days: Times) -> Bools:
    """年末年始: 29 December to 3 January, when offices are closed."""
    month_day = (days - days.astype("datetime64[Y]")).astype(np.int64)
    dec29 = 362  # 0-based day of year of 29 Dec (28 Dec in leap years: close enough here)
    return np.asarray((month_day >= dec29) | (month_day <= 2), dtype=np.bool_)


def office_clock(rng: np.random.Generator, n: int) -> Ints:
    """Seconds after midnight, following the hour-of-day profile of people at work."""
    weights = np.asarray(HOUR_WEIGHT, dtype=np.float64)
    hours = rng.choice(24, size=n, p=weights / weights.sum())
    return hours.astype(np.int64) * 3600 + rng.integers(0, 3600, size=n)


def on_days(days: Times, clock: Ints) -> Times:
    """Timestamps at ``clock`` seconds after midnight of ``days``."""
    return np.asarray(days.astype("datetime64[s]") + clock.astype("timedelta64[s]"), dtype="datetime64[s]")


def seconds(values: Floats | Ints) -> Deltas:
    """A timedelta64[s] array from seconds (fractions dropped)."""
    return np.asarray(values).astype(np.int64).astype("timedelta64[s]")


def days_between(start: Times, end: Times) -> Floats:
    return (end - start).astype(np.int64) / DAY_SECONDS


def add_business_hours(period: Period, start: Times, hours: Floats) -> Times:
    """``start`` moved forward by ``hours`` of office time (09:00–18:00 on Japanese business days)."""
    day = start.astype("datetime64[D]")
    clock = (start - day.astype("datetime64[s]")).astype(np.int64)
    open_day = period.is_business_day(day)
    after_close = open_day & (clock >= CLOSES_SECONDS)
    # Outside office hours the clock starts at the next opening.
    day = np.where(
        open_day & ~after_close,
        day,
        np.busday_offset(day, np.where(open_day, 1, 0), roll="forward", holidays=period.holidays),
    )
    clock = np.where(open_day & ~after_close, np.maximum(clock, OPENS_SECONDS), OPENS_SECONDS)
    need = np.rint(hours * 3600).astype(np.int64)
    left_today = CLOSES_SECONDS - clock
    office_day = CLOSES_SECONDS - OPENS_SECONDS
    spill = need - left_today
    extra_days = np.where(spill > 0, -(-spill // office_day), 0)
    within = np.where(spill > 0, spill - (extra_days - 1) * office_day, 0)
    later_day = np.busday_offset(day, extra_days, roll="forward", holidays=period.holidays)
    same_day = day.astype("datetime64[s]") + (clock + need).astype("timedelta64[s]")
    next_days = later_day.astype("datetime64[s]") + (OPENS_SECONDS + within).astype("timedelta64[s]")
    return np.asarray(np.where(spill > 0, next_days, same_day), dtype="datetime64[s]")
