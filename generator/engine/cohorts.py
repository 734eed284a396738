"""Cohort conversion rates and durations between two timestamps of the same row.

Conversion (e.g. MQL → SQL within 90 days): the cohort of a period is every row whose ``cohort``
timestamp falls in it; a row converted when ``converted`` is set, no later than ``window_days`` after
``cohort`` and no later than the as-of day. The rate is counted in the cohort's period, not the
conversion's. A row whose ``converted`` is earlier than ``cohort`` (a lead that reached SQL before its
MQL was recorded) counts as converted: it did reach the stage; the ordering check reports the data.
The latest cohorts' windows have not closed yet (see ``periods.cohort_window_open``): their rates are
reported as measured so far and can still rise.

Duration: a statistic (median, p90 — linear interpolation, as ``PERCENTILE_CONT`` — or mean) of
``end − start`` over rows whose ``end`` falls in the period; rows with either missing or with ``end``
before ``start`` are left out. ``Point.denominator`` holds the number of rows. Business hours use the
SLA's calendar (Japanese public holidays) and are computed in Python on the fetched pairs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd
from sqlglot import exp

from ..model.compute import Conversion, Duration
from ..model.sla import BusinessCalendar
from ..model.sources import Table
from .aggregates import Fetch
from .calendar import BusinessClock, FloatArray, business_hours_between, to_local
from .errors import MeasureError
from .filters import check_columns, row_filter
from .scope import (
    Cell,
    Cells,
    Key,
    Scope,
    frame_groups,
    frame_keys,
    group_by_positions,
    group_keys,
    number_or_none,
    source,
)
from .sqlparts import (
    col,
    conjunction,
    count_if,
    days,
    epoch_seconds,
    in_range,
    is_not_null,
    percentile,
    timestamp,
)

SECONDS = {"days": 86_400.0, "hours": 3_600.0}
# (starts, ends, SLA id) → business hours per row, on that SLA's calendar.
HoursBetween = Callable[[pd.Series, pd.Series, str], FloatArray]


class BusinessHours:
    """Business hours on each SLA's calendar, with one clock per calendar for the whole run.

    Building a clock (public holidays, opening minutes per day) costs more than using it, and every
    scope of every business-hours KPI needs one: the clock covers two years before as-of to a week
    after; instants outside that fall back to a clock of their own.
    """

    def __init__(self, calendars: Callable[[str], BusinessCalendar], as_of: dt.date) -> None:
        self._calendars = calendars
        self._first = as_of - dt.timedelta(days=730)
        self._last = as_of + dt.timedelta(days=7)
        self._clocks: dict[str, BusinessClock] = {}

    def __call__(self, starts: pd.Series, ends: pd.Series, sla_id: str) -> FloatArray:
        calendar = self._calendars(sla_id)
        start_index, end_index = to_local(starts, calendar.timezone), to_local(ends, calendar.timezone)
        both = start_index.append(end_index).dropna()
        if len(both) == 0 or both.min().date() < self._first or both.max().date() > self._last:
            return business_hours_between(starts, ends, calendar)
        if sla_id not in self._clocks:
            self._clocks[sla_id] = BusinessClock.covering(calendar, self._first, self._last)
        clock = self._clocks[sla_id]
        minutes = clock.minutes_until(end_index) - clock.minutes_until(start_index)
        hours: FloatArray = minutes / 60.0
        return hours


def conversion_query(spec: Conversion, table: Table, scope: Scope) -> exp.Select:
    check_columns(table, [spec.cohort, spec.converted])
    condition, filter_columns = row_filter(spec.filter, table)
    cohort, converted = col(spec.cohort), col(spec.converted)
    reached = exp.and_(
        is_not_null(converted),
        exp.LTE(
            this=converted.copy(), expression=exp.Add(this=cohort.copy(), expression=days(spec.window_days))
        ),
        exp.LT(this=converted.copy(), expression=timestamp(scope.horizon)),
    )
    return (
        exp.select(
            *group_keys(cohort.copy(), scope),
            exp.alias_(count_if(None), "denominator"),
            exp.alias_(count_if(reached), "numerator"),
            copy=False,
        )
        .from_(source(table, {spec.cohort, spec.converted} | filter_columns, scope), copy=False)
        .where(conjunction([in_range(cohort.copy(), scope.start, scope.end), condition]), copy=False)
        .group_by(*group_by_positions(scope), copy=False)
    )


def measure_conversion(fetch: Fetch, spec: Conversion, table: Table, scope: Scope) -> Cells:
    return ratio_cells(fetch(conversion_query(spec, table, scope)), scope)


def ratio_cells(frame: pd.DataFrame, scope: Scope, scale: float = 1.0) -> Cells:
    """Cells from a result with ``numerator`` and ``denominator`` columns (value None when 0 / 0)."""
    cells: Cells = {}
    for key, numerator, denominator in zip(
        frame_keys(frame, scope), frame["numerator"], frame["denominator"], strict=True
    ):
        top, bottom = number_or_none(numerator) or 0.0, number_or_none(denominator) or 0.0
        value = top / bottom * scale if bottom else None
        cells[key] = Cell(value, top, bottom, bottom)
    return cells


def duration_query(spec: Duration, table: Table, scope: Scope) -> exp.Select:
    check_columns(table, [spec.start, spec.end])
    condition, filter_columns = row_filter(spec.filter, table)
    start, end = col(spec.start), col(spec.end)
    reads = {spec.start, spec.end} | filter_columns
    where = conjunction(
        [
            in_range(end.copy(), scope.start, scope.end),
            is_not_null(start.copy()),
            exp.GTE(this=end.copy(), expression=start.copy()),
            condition,
        ]
    )
    keys = group_keys(end.copy(), scope)
    if spec.unit == "business_hours":
        # Pairs go to Python for the business calendar; handoffs are small enough to fetch.
        pairs = [exp.alias_(start.copy(), "start_at"), exp.alias_(end.copy(), "end_at")]
        return (
            exp.select(*keys, *pairs, copy=False)
            .from_(source(table, reads, scope), copy=False)
            .where(where, copy=False)
        )
    elapsed = exp.Div(
        this=epoch_seconds(start.copy(), end.copy()), expression=exp.Literal.number(SECONDS[spec.unit])
    )
    statistic = {
        "mean": exp.Avg(this=elapsed),
        "median": percentile(0.5, elapsed),
        "p90": percentile(0.9, elapsed),
    }[spec.statistic]
    return (
        exp.select(*keys, exp.alias_(count_if(None), "n"), exp.alias_(statistic, "statistic"), copy=False)
        .from_(source(table, reads, scope), copy=False)
        .where(where, copy=False)
        .group_by(*group_by_positions(scope), copy=False)
    )


def measure_duration(
    fetch: Fetch, spec: Duration, table: Table, scope: Scope, hours_between: HoursBetween
) -> Cells:
    frame = fetch(duration_query(spec, table, scope))
    keys = frame_keys(frame, scope)
    if spec.unit != "business_hours":
        return {
            key: Cell(number_or_none(value), None, float(n), float(n))
            for key, n, value in zip(keys, frame["n"], frame["statistic"], strict=True)
        }
    if spec.calendar is None:
        raise MeasureError(
            "business_hours には calendar(SLA の id)が必要です", "business_hours needs calendar (an SLA id)"
        )
    hours = hours_between(frame["start_at"], frame["end_at"], spec.calendar)
    return _statistic_cells(*frame_groups(frame, scope), hours, spec.statistic)


def _statistic_cells(
    keys: list[Key], groups: npt.NDArray[np.intp], values: FloatArray, statistic: str
) -> Cells:
    """The statistic of each key's values (rows without a value left out), keys ordered by their
    first valued row; each key's values keep their row order, so sums add up the same way."""
    valued = ~np.isnan(values)
    groups, values = groups[valued], values[valued]
    order = np.argsort(groups, kind="stable")
    chunks = np.split(order, np.flatnonzero(np.diff(groups[order])) + 1) if len(order) else []
    return {
        keys[int(groups[chunk[0]])]: _statistic_cell(values[chunk], statistic)
        for chunk in sorted(chunks, key=lambda chunk: int(chunk[0]))
    }


def _statistic_cell(values: FloatArray, statistic: str) -> Cell:
    if statistic == "mean":
        value = float(values.mean())
    else:
        value = float(np.percentile(values, 50.0 if statistic == "median" else 90.0, method="linear"))
    return Cell(value, None, float(len(values)), float(len(values)))
