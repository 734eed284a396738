"""Business hours on an SLA's calendar: working days, opening hours, Japanese public holidays.

Timestamps in the data are naive local Japan time (the calendar's timezone, Asia/Tokyo); tz-aware
timestamps are converted to Asia/Tokyo first. Public holidays (元日, ゴールデンウィーク, 振替休日 …)
come from the maintained ``holidays`` package; ``extra_closed_days`` adds the company's own (年末年始).

Vectorised for hundreds of thousands of rows: each calendar day's open minutes are computed once over
the covered date range and cumulated, so the business time up to any instant is an O(1) lookup.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import holidays
import numpy as np
import numpy.typing as npt
import pandas as pd

from ..model.bilingual import BilingualError
from ..model.sla import BusinessCalendar

FloatArray = npt.NDArray[np.float64]
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MINUTES_PER_HOUR = 60.0


class CalendarError(BilingualError, ValueError):
    """A calendar that can never be open (no workdays, or closing time not after opening time)."""


def to_local(values: Iterable[object] | pd.Series | pd.DatetimeIndex, timezone: str) -> pd.DatetimeIndex:
    """Timestamps as naive local time of ``timezone``: naive values are taken as local already."""
    index = pd.DatetimeIndex(pd.to_datetime(values))
    if index.tz is not None:
        index = index.tz_convert(timezone).tz_localize(None)
    return index


@dataclass(frozen=True)
class BusinessClock:
    """Cumulative business minutes per day over ``first_day`` … ``first_day + len(open_minutes) - 1``."""

    calendar: BusinessCalendar
    first_day: np.datetime64
    open_minutes: FloatArray  # minutes open on each day (0 on closed days)
    before_day: FloatArray  # business minutes from first_day 00:00 to the start of each day

    @classmethod
    def covering(cls, calendar: BusinessCalendar, first: dt.date, last: dt.date) -> BusinessClock:
        """A clock for every day from ``first`` to ``last`` inclusive."""
        opens, closes = _clock_minutes(calendar.opens), _clock_minutes(calendar.closes)
        if closes <= opens or not calendar.workdays:
            raise CalendarError(
                f"営業カレンダーに営業時間がありません(曜日 {calendar.workdays}、"
                f"{calendar.opens}〜{calendar.closes})"
                "— workdays を1つ以上にし、closes を opens より後にしてください",
                f"the business calendar is never open (workdays {calendar.workdays}, "
                f"{calendar.opens}–{calendar.closes}) — list at least one workday and close after opening",
            )
        days = pd.date_range(first, last, freq="D")
        closed = _closed_days(calendar, first.year, last.year)
        workdays = {_WEEKDAYS.index(day) for day in calendar.workdays}
        is_open = np.array(
            [d.weekday() in workdays and d.date() not in closed for d in days.to_pydatetime()], dtype=bool
        )
        open_minutes = np.where(is_open, float(closes - opens), 0.0)
        before_day = np.concatenate(([0.0], np.cumsum(open_minutes)[:-1]))
        return cls(calendar, np.datetime64(first, "D"), open_minutes, before_day)

    @property
    def last_day(self) -> np.datetime64:
        return self.first_day + np.timedelta64(len(self.open_minutes) - 1, "D")

    def minutes_until(self, instants: pd.DatetimeIndex) -> FloatArray:
        """Business minutes from ``first_day`` 00:00 to each (naive local) instant; NaN for NaT."""
        missing = np.asarray(instants.isna())
        days = instants.values.astype("datetime64[D]")
        index = (days - self.first_day).astype(np.int64)
        safe = np.where(missing, 0, index)
        if np.any((safe < 0) | (safe >= len(self.open_minutes))):
            raise ValueError("instant outside the clock's date range")
        of_day = (instants.values - days).astype("timedelta64[s]").astype(np.float64) / 60.0
        opens = _clock_minutes(self.calendar.opens)
        within = np.clip(np.where(missing, 0.0, of_day) - opens, 0.0, self.open_minutes[safe])
        result = self.before_day[safe] + within
        return np.where(missing, np.nan, result)

    def instant_after(self, minutes: FloatArray) -> pd.DatetimeIndex:
        """The earliest instant whose business minutes since ``first_day`` reach each value (NaN → NaT)."""
        missing = np.isnan(minutes)
        day_end = self.before_day + self.open_minutes
        wanted = np.where(missing, 0.0, minutes)
        # The first day whose close reaches the target: a deadline landing exactly at closing time
        # is that day's close, not the next opening.
        index = np.searchsorted(day_end, wanted, side="left")
        if np.any(index >= len(day_end)):
            raise ValueError("deadline beyond the clock's date range")
        opens = _clock_minutes(self.calendar.opens)
        minute_of_day = opens + (wanted - self.before_day[index])
        seconds = np.round(minute_of_day * 60.0).astype(np.int64)
        days = self.first_day + index.astype("timedelta64[D]")
        instants = days.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
        result = pd.DatetimeIndex(instants)
        return result.where(~missing, pd.NaT)


def business_hours_between(
    starts: Iterable[object] | pd.Series | pd.DatetimeIndex,
    ends: Iterable[object] | pd.Series | pd.DatetimeIndex,
    calendar: BusinessCalendar,
) -> FloatArray:
    """Business hours from each start to its end (negative if the end is earlier; NaN if one is missing)."""
    start_index = to_local(starts, calendar.timezone)
    end_index = to_local(ends, calendar.timezone)
    if len(start_index) != len(end_index):
        raise ValueError("starts and ends differ in length")
    both = start_index.append(end_index)
    if len(both) == 0 or both.isna().all():
        return np.full(len(start_index), np.nan)
    clock = BusinessClock.covering(calendar, both.min().date(), both.max().date())
    return (clock.minutes_until(end_index) - clock.minutes_until(start_index)) / _MINUTES_PER_HOUR


def add_business_hours_many(
    starts: Iterable[object] | pd.Series | pd.DatetimeIndex,
    hours: float | FloatArray,
    calendar: BusinessCalendar,
) -> pd.DatetimeIndex:
    """Each start plus ``hours`` business hours: the response deadline (naive local time; NaT stays NaT)."""
    start_index = to_local(starts, calendar.timezone)
    wanted = np.broadcast_to(np.asarray(hours, dtype=np.float64), (len(start_index),))
    if len(start_index) == 0 or start_index.isna().all():
        return pd.DatetimeIndex([pd.NaT] * len(start_index))
    first = start_index.min().date()
    last = start_index.max().date()
    open_per_day = (_clock_minutes(calendar.closes) - _clock_minutes(calendar.opens)) / _MINUTES_PER_HOUR
    # Days needed: the working days the hours fill, stretched by weekends, plus room for holiday runs.
    weeks = float(np.nanmax(wanted)) / max(open_per_day, 1e-9) / max(len(calendar.workdays), 1)
    span = math.ceil(weeks * 7) + 21
    while True:
        clock = BusinessClock.covering(calendar, first, last + dt.timedelta(days=span))
        target = clock.minutes_until(start_index) + wanted * _MINUTES_PER_HOUR
        if np.nanmax(target) <= clock.before_day[-1] + clock.open_minutes[-1]:
            break
        span *= 2
    deadlines = clock.instant_after(target)
    # Zero hours is the start itself, even outside opening hours.
    return deadlines.where(wanted > 0, start_index)


def add_business_hours(start: dt.datetime, hours: float, calendar: BusinessCalendar) -> dt.datetime:
    """``start`` plus ``hours`` business hours on ``calendar`` (naive local time)."""
    result: pd.Timestamp = pd.Timestamp(
        add_business_hours_many(pd.DatetimeIndex([start]), hours, calendar)[0]
    )
    deadline: dt.datetime = result.to_pydatetime()
    return deadline


def closed_days(calendar: BusinessCalendar, years: range) -> frozenset[dt.date]:
    """Public holidays of the calendar's country plus its extra closed days, for ``years``."""
    return _closed_days(calendar, years.start, years.stop - 1)


def _closed_days(calendar: BusinessCalendar, first_year: int, last_year: int) -> frozenset[dt.date]:
    public = holidays.country_holidays(calendar.country, years=range(first_year, last_year + 1))
    return frozenset(public.keys()) | frozenset(calendar.extra_closed_days)


def _clock_minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def period_starts(moments: pd.Series, grain: str) -> pd.Series:
    """The first day (midnight) of the reporting period containing each moment, as ``periods`` defines them.

    ISO weeks start on Monday; fiscal quarters coincide with calendar quarters; the fiscal year starts
    in April. NaT stays NaT.
    """
    values = pd.Series(pd.to_datetime(moments), index=moments.index)
    if grain == "week":
        days = values.dt.normalize()
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    frequency = {"month": "M", "quarter": "Q", "fiscal_year": "Y-MAR"}[grain]
    return values.dt.to_period(frequency).dt.start_time
