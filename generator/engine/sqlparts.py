"""Small sqlglot builders shared by the measure compilers; all dialect-neutral (rendered per backend)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlglot import exp

from ..model.periods import FISCAL_YEAR_START_MONTH, Grain

PERIOD = "period_start"
SEGMENT = "segment"
_TRUNC_UNITS = {"week": "WEEK", "month": "MONTH", "quarter": "QUARTER"}


def col(name: str, table: str | None = None) -> exp.Column:
    """A quoted column reference (names come from validated identifiers)."""
    return exp.column(name, table=table, quoted=True)


def number(value: float) -> exp.Expr:
    return exp.Literal.number(value)


def string(value: str) -> exp.Literal:
    return exp.Literal.string(value)


def timestamp(value: dt.datetime) -> exp.Cast:
    """``CAST('2026-10-01 00:00:00' AS TIMESTAMP)``."""
    return exp.Cast(this=string(value.isoformat(sep=" ")), to=exp.DataType.build(exp.DType.TIMESTAMP))


def date(value: dt.date) -> exp.Cast:
    """``CAST('2026-10-01' AS DATE)``."""
    return as_date(string(value.isoformat()))


def days(count: int) -> exp.Interval:
    return exp.Interval(this=string(str(count)), unit=exp.var("DAY"))


def months(count: int) -> exp.Interval:
    return exp.Interval(this=string(str(count)), unit=exp.var("MONTH"))


def as_date(value: exp.Expr) -> exp.Cast:
    return exp.Cast(this=value, to=exp.DataType.build(exp.DType.DATE))


def period_key(moment: exp.Expr, grain: Grain) -> exp.Expr:
    """The first day (a DATE) of the ``grain`` period containing ``moment``.

    Fiscal quarters coincide with calendar quarters; the fiscal year is the calendar year of
    ``moment`` shifted back by the months before April, shifted forward again.
    """
    if grain in _TRUNC_UNITS:
        return as_date(exp.TimestampTrunc(this=moment, unit=exp.var(_TRUNC_UNITS[grain])))
    shift = FISCAL_YEAR_START_MONTH - 1
    year_start = exp.TimestampTrunc(this=exp.Sub(this=moment, expression=months(shift)), unit=exp.var("YEAR"))
    return as_date(exp.Add(this=year_start, expression=months(shift)))


def in_range(moment: exp.Expr, start: dt.datetime, end: dt.datetime) -> exp.Expr:
    """``start <= moment AND moment < end``."""
    return exp.and_(
        exp.GTE(this=moment, expression=timestamp(start)),
        exp.LT(this=moment.copy(), expression=timestamp(end)),
    )


def when(condition: exp.Expr | None, value: exp.Expr) -> exp.Expr:
    """``CASE WHEN condition THEN value END`` (just ``value`` without a condition)."""
    if condition is None:
        return value
    return exp.Case(ifs=[exp.If(this=condition, true=value)])


def count_if(condition: exp.Expr | None) -> exp.Expr:
    """Rows matching ``condition`` (all rows without one)."""
    if condition is None:
        return exp.Count(this=exp.Star())
    return exp.Count(this=when(condition, number(1)))


def count_distinct_if(value: exp.Expr, condition: exp.Expr | None) -> exp.Expr:
    return exp.Count(this=exp.Distinct(expressions=[when(condition, value)]))


def sum_if(value: exp.Expr, condition: exp.Expr | None) -> exp.Expr:
    return exp.Sum(this=when(condition, value))


def is_not_null(value: exp.Expr) -> exp.Expr:
    return exp.Not(this=exp.Is(this=value, expression=exp.null()))


def truthy(value: exp.Expr) -> exp.Expr:
    """``COALESCE(value, FALSE)``: a NULL flag counts as false."""
    return exp.func("COALESCE", value, exp.false())


def epoch_seconds(start: exp.Expr, end: exp.Expr) -> exp.Expr:
    """Seconds from ``start`` to ``end`` (a float)."""
    return exp.Extract(this=exp.var("EPOCH"), expression=exp.Sub(this=end, expression=start))


def percentile(fraction: float, value: exp.Expr) -> exp.Expr:
    """Linear-interpolated percentile (``PERCENTILE_CONT``), the same definition on every backend."""
    return exp.WithinGroup(
        this=exp.PercentileCont(this=number(fraction)),
        expression=exp.Order(expressions=[exp.Ordered(this=value, nulls_first=False)]),
    )


def conjunction(conditions: Iterable[exp.Expr | None]) -> exp.Expr | None:
    present = [c for c in conditions if c is not None]
    return exp.and_(*present) if present else None
