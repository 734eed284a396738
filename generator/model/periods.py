"""Reporting periods: ISO weeks, months, fiscal quarters and fiscal years (the fiscal year starts in April).

- week: ISO week starting Monday, labelled ``2026-W14`` (ISO year and week number);
- month: ``2026-04``;
- quarter: fiscal quarters, ``FY2026-Q1`` = April–June 2026, ``FY2026-Q4`` = January–March 2027
  (they coincide with calendar quarters, only the numbering differs);
- fiscal_year: ``FY2026`` = April 2026 – March 2027.

The data checks compare periods by their start dates (``previous_start``, ``starts_between``,
``latest_complete_start``), so they do not depend on how labels are spelled.

A series covers every period that overlaps the twelve months ending at the as-of date (month of as-of and
the eleven before); the year before it is measured too, as the series' history, for year-on-year comparisons.
Each period is measured over its own full bounds, except the latest, which stops at the
end of the as-of day and is *partial* when as-of falls before its last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal, assert_never

Grain = Literal["week", "month", "quarter", "fiscal_year"]
GRAINS: tuple[Grain, ...] = ("week", "month", "quarter", "fiscal_year")
FISCAL_YEAR_START_MONTH = 4
SERIES_MONTHS = 12


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: ``start`` inclusive, ``end`` exclusive (both dates)."""

    start: dt.date
    end: dt.date
    grain: Grain
    label: str

    def is_partial(self, as_of: dt.date) -> bool:
        """True when the as-of date falls before the period's last day."""
        return self.end > as_of + dt.timedelta(days=1)


def period_start(day: dt.date, grain: Grain) -> dt.date:
    """The first day of the period of ``grain`` that contains ``day``."""
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "fiscal_year":
        return dt.date(fiscal_year(day), FISCAL_YEAR_START_MONTH, 1)
    assert_never(grain)


def next_start(start: dt.date, grain: Grain) -> dt.date:
    """The first day of the period after the one starting at ``start``."""
    if grain == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "fiscal_year": 12}[grain]
    return add_months(start, months)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's end (1月31日 + 1か月 → 2月28日)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fiscal_year(day: dt.date) -> int:
    """The fiscal year (named by the calendar year in which it starts) that contains ``day``."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def label(start: dt.date, grain: Grain) -> str:
    """The period's display label: ``2026-W14``, ``2026-04``, ``FY2026-Q1``, ``FY2026``."""
    if grain == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if grain == "month":
        return f"{start.year}-{start.month:02d}"
    if grain == "quarter":
        quarter = ((start.month - FISCAL_YEAR_START_MONTH) % 12) // 3 + 1
        return f"FY{fiscal_year(start)}-Q{quarter}"
    return f"FY{fiscal_year(start)}"


def period_of(day: dt.date, grain: Grain) -> Period:
    """The period of ``grain`` containing ``day``."""
    start = period_start(day, grain)
    return Period(start, next_start(start, grain), grain, label(start, grain))


def window_start(as_of: dt.date) -> dt.date:
    """First day of the twelve months ending with as-of's month."""
    return add_months(as_of.replace(day=1), -(SERIES_MONTHS - 1))


def series_periods(grain: Grain, as_of: dt.date) -> tuple[Period, ...]:
    """Every period of ``grain`` overlapping the twelve months ending at ``as_of``, oldest first."""
    periods: list[Period] = []
    current = period_of(window_start(as_of), grain)
    while current.start <= as_of:
        periods.append(current)
        current = period_of(current.end, grain)
    return tuple(periods)


def history_periods(grain: Grain, as_of: dt.date) -> tuple[Period, ...]:
    """The periods of the year before the series window (kept for 前年同期比), oldest first.

    A week straddling the window's first day belongs to the series, not to its history."""
    first_shown = series_periods(grain, as_of)[0]
    periods: list[Period] = []
    current = period_of(add_months(window_start(as_of), -SERIES_MONTHS), grain)
    while current.start < first_shown.start:
        periods.append(current)
        current = period_of(current.end, grain)
    return tuple(periods)


def as_of_end(as_of: dt.date) -> dt.datetime:
    """The first instant after the as-of day: data at or after it is ignored."""
    return dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())


def latest_full_quarter(as_of: dt.date) -> Period:
    """The latest fiscal quarter that has ended by the end of the as-of day (segments are measured on it)."""
    current = period_of(as_of, "quarter")
    if not current.is_partial(as_of):
        return current
    return period_of(current.start - dt.timedelta(days=1), "quarter")


def cohort_window_open(period: Period, window_days: int, as_of: dt.date) -> bool:
    """True while the period's latest cohort members could still convert (their window ends after as-of)."""
    last_day = period.end - dt.timedelta(days=1)
    return last_day + dt.timedelta(days=window_days) > as_of


def previous_start(start: dt.date, grain: Grain) -> dt.date:
    """The start of the period before the one starting at ``start``."""
    return period_start(start - dt.timedelta(days=1), grain)


def starts_between(first: dt.date, last: dt.date, grain: Grain) -> list[dt.date]:
    """Every period start from the period of ``first`` to the period of ``last``, both included."""
    starts: list[dt.date] = []
    current, end = period_start(first, grain), period_start(last, grain)
    while current <= end:
        starts.append(current)
        current = next_start(current, grain)
    return starts


def latest_complete_start(as_of: dt.date, grain: Grain) -> dt.date:
    """The latest period finished at ``as_of``: as_of's own period when as_of is its last day."""
    own = period_start(as_of, grain)
    if next_start(own, grain) - dt.timedelta(days=1) == as_of:
        return own
    return previous_start(own, grain)
