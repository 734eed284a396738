"""Period calendars for KPI series checks: where each period of a grain starts, and which is the latest.

Periods are compared by their start dates so the checks do not depend on how labels are spelled
("2026-Q3" calendar or fiscal). Weeks start on Monday; quarters on January, April, July and October
(fiscal quarters starting in April share those starts); the fiscal year starts on April 1.
"""

from __future__ import annotations

import datetime as dt

FISCAL_YEAR_START_MONTH = 4


def period_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the period of ``grain`` that contains ``day``."""
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "fiscal_year":
        year = day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1
        return dt.date(year, FISCAL_YEAR_START_MONTH, 1)
    raise ValueError(f"unknown grain: {grain}")


def next_start(start: dt.date, grain: str) -> dt.date:
    """The start of the period after the one starting at ``start``."""
    if grain == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "fiscal_year": 12}.get(grain)
    if months is None:
        raise ValueError(f"unknown grain: {grain}")
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def previous_start(start: dt.date, grain: str) -> dt.date:
    """The start of the period before the one starting at ``start``."""
    return period_start(start - dt.timedelta(days=1), grain)


def starts_between(first: dt.date, last: dt.date, grain: str) -> list[dt.date]:
    """Every period start from the period of ``first`` to the period of ``last``, both included."""
    starts: list[dt.date] = []
    current, end = period_start(first, grain), period_start(last, grain)
    while current <= end:
        starts.append(current)
        current = next_start(current, grain)
    return starts


def latest_complete_start(as_of: dt.date, grain: str) -> dt.date:
    """The latest period finished at ``as_of``: as_of's own period when as_of is its last day."""
    own = period_start(as_of, grain)
    if next_start(own, grain) - dt.timedelta(days=1) == as_of:
        return own
    return previous_start(own, grain)
