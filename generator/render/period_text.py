"""Periods as a reader says them: 2026年9月, 9月21日〜27日の週, 2026年度第2四半期, 2026年度.

The measurements label periods for machines (``2026-09``, ``2026-W40``, ``FY2026-Q2``, ``FY2026``, see
:mod:`generator.model.periods`); every page, table and chart shows them through :func:`format_period`,
so one period reads the same everywhere. English (``lang="en"``): Sep 2026, week of 28 Sep–4 Oct 2026,
FY2026 Q2, FY2026. Chart axes, with room for a few characters a tick, name them shorter through
:func:`short_period_names` (9/21週, 10月, 2026年度Q2) and leave the full words to the tooltip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Sequence

from ..model.periods import FISCAL_YEAR_START_MONTH, Grain, Period, add_months, fiscal_year, period_of

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"FY(\d{4})-Q([1-4])")
_FISCAL_YEAR = re.compile(r"FY(\d{4})")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_start_of(label: str, grain: Grain) -> dt.date | None:
    """The first day of the period a label names (``None`` for a label of another form)."""
    if grain == "week" and (match := _WEEK.fullmatch(label)):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    if grain == "month" and (match := _MONTH.fullmatch(label)):
        return dt.date(int(match[1]), int(match[2]), 1)
    if grain == "quarter" and (match := _QUARTER.fullmatch(label)):
        return add_months(dt.date(int(match[1]), FISCAL_YEAR_START_MONTH, 1), 3 * (int(match[2]) - 1))
    if grain == "fiscal_year" and (match := _FISCAL_YEAR.fullmatch(label)):
        return dt.date(int(match[1]), FISCAL_YEAR_START_MONTH, 1)
    return None


def format_period(period: str | dt.date, grain: Grain, lang: str = "ja") -> str:
    """A period label (``2026-W40``) or any day in the period, as a reader says the period.

    A label of another form is shown as it is: text from the data is never dropped.
    """
    start = period_start_of(period, grain) if isinstance(period, str) else period_of(period, grain).start
    if start is None:
        return str(period)
    if grain == "week":
        return _week(start, lang)
    if grain == "month":
        return _month(start, lang)
    year = fiscal_year(start)
    if grain == "quarter":
        quarter = (start.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1
        return f"{year}年度第{quarter}四半期" if lang == "ja" else f"FY{year} Q{quarter}"
    return f"{year}年度" if lang == "ja" else f"FY{year}"


def _week(monday: dt.date, lang: str) -> str:
    sunday = monday + dt.timedelta(days=6)
    if lang != "ja":
        same_month = monday.month == sunday.month  # week of 21–27 Sep 2026
        first = f"{monday.day}" if same_month else f"{monday.day} {_MONTHS_EN[monday.month - 1]}"
        return f"week of {first}–{sunday.day} {_MONTHS_EN[sunday.month - 1]} {sunday.year}"
    if monday.year != sunday.year:  # the week of New Year names both years
        return f"{monday.year}年{_month_day(monday)}〜{sunday.year}年{_month_day(sunday)}の週"
    if monday.month == sunday.month:  # 9月21日〜27日: the month is said once
        return f"{_month_day(monday)}〜{sunday.day}日の週"
    return f"{_month_day(monday)}〜{_month_day(sunday)}の週"


def _month(start: dt.date, lang: str) -> str:
    return f"{start.year}年{start.month}月" if lang == "ja" else f"{_MONTHS_EN[start.month - 1]} {start.year}"


def _month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def period_name(period: Period, lang: str = "ja") -> str:
    """A measured period as a reader says it (its machine label stays in CSV and JSON)."""
    if period_start_of(period.label, period.grain) != period.start:  # a span of its own (a cumulative target)
        return period.label
    return format_period(period.start, period.grain, lang)


def short_period_names(
    labels: Sequence[str], grain: Grain, lang: str = "ja", ticks: Collection[str] | None = None
) -> list[str]:
    """Each period label as a chart tick names it (9/21週, 10月, 2026年度Q2, 2026年度), in the same order.

    Weeks and months name their calendar year on the first tick and on each tick whose year differs
    from the tick before (``ticks``: the labels the axis shows; every label when ``None``), so a reader
    never has to guess it: 2026年9月, 10月, …, 2027年1月. The names are unique, as an ordinal axis
    needs: periods that would share a name (a window longer than a year) both name their year, and a
    label of another form keeps its own text.
    """
    starts = [period_start_of(label, grain) for label in labels]
    shown = set(labels if ticks is None else ticks)
    names: list[str] = []
    previous_year: int | None = None
    for label, start in zip(labels, starts, strict=True):
        if start is None:
            names.append(label)
            continue
        with_year = label in shown and start.year != previous_year
        if label in shown:
            previous_year = start.year
        names.append(_short(start, grain, lang, with_year))
    counts = Counter(names)
    names = [
        _short(start, grain, lang, True) if start is not None and counts[name] > 1 else name
        for name, start in zip(names, starts, strict=True)
    ]
    if len(set(names)) < len(names):  # only labels that were not unique to begin with get here
        return list(labels)
    return names


def _short(start: dt.date, grain: Grain, lang: str, with_year: bool) -> str:
    """One tick's name; quarters and fiscal years always name their fiscal year (it is the name)."""
    month = _MONTHS_EN[start.month - 1]
    if grain == "week":
        if lang != "ja":
            return f"{start.day} {month} {start.year}" if with_year else f"{start.day} {month}"
        return f"{start.year}/{start.month}/{start.day}週" if with_year else f"{start.month}/{start.day}週"
    if grain == "month":
        if lang != "ja":
            return f"{month} {start.year}" if with_year else month
        return f"{start.year}年{start.month}月" if with_year else f"{start.month}月"
    year = fiscal_year(start)
    if grain == "quarter":
        quarter = (start.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1
        return f"{year}年度Q{quarter}" if lang == "ja" else f"FY{year} Q{quarter}"
    return f"{year}年度" if lang == "ja" else f"FY{year}"
