"""Rendering the engine's sqlglot queries for a dialect: the engines run here and the warehouses compiled for.

DuckDB, PostgreSQL and Spark execute the queries in this project's tests; BigQuery, Snowflake, Trino
and Databricks are compiled and parsed back only. A construct a dialect cannot express raises
:class:`UnsupportedQuery` instead of being rendered approximately (sqlglot's default is to warn).
"""

from __future__ import annotations

from typing import Literal

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, UnsupportedError

Dialect = Literal["bigquery", "snowflake", "trino", "databricks", "postgres", "spark", "duckdb"]
DIALECTS: tuple[Dialect, ...] = (
    "bigquery",
    "snowflake",
    "trino",
    "databricks",
    "postgres",
    "spark",
    "duckdb",
)
# Dialects whose window ORDER BY cannot say NULLS LAST (sqlglot refuses to render it).
_NO_WINDOW_NULL_ORDERING = frozenset({"bigquery"})
# Compiled for, not run here: differences spelled with each one's own DATE_DIFF / TIMESTAMP_DIFF.
_WAREHOUSES = frozenset({"bigquery", "snowflake", "trino"})
# Spark SQL: ``date - date`` is an interval, EPOCH cannot be extracted from one, HASH has 32 bits.
_SPARK_FAMILY = frozenset({"spark", "databricks"})


class UnsupportedQuery(Exception):
    """The dialect cannot express a construct of the query; ``reason`` is sqlglot's explanation."""

    def __init__(self, dialect: str, reason: str) -> None:
        super().__init__(f"{dialect}: {reason}")
        self.dialect = dialect
        self.reason = " ".join(reason.split())


def render(query: exp.Expr, dialect: str, *, pretty: bool = False) -> str:
    """``query`` as ``dialect``'s SQL; raises UnsupportedQuery rather than rendering it approximately."""
    prepared = _nulls_last_as_sort_key(query) if dialect in _NO_WINDOW_NULL_ORDERING else query
    if dialect in _SPARK_FAMILY:
        prepared = prepared.transform(_spark_spelling)
    elif dialect in _WAREHOUSES:
        prepared = prepared.transform(lambda node: _warehouse_spelling(node, dialect))
    try:
        text = prepared.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE, pretty=pretty)
    except UnsupportedError as error:
        raise UnsupportedQuery(dialect, str(error).splitlines()[0]) from None
    _refuse_approximation(query, text, dialect)
    return text


# Functions a dialect may be given in place of an exact one (sqlglot writes PERCENTILE_CONT as
# Spark's PERCENTILE_APPROX, silently): a published number must never be an approximation.
_APPROXIMATE = (exp.ApproxQuantile, exp.ApproxDistinct, exp.ApproxQuantiles)


def _refuse_approximation(query: exp.Expr, text: str, dialect: str) -> None:
    """Raise UnsupportedQuery when ``text`` approximates what ``query`` asks exactly."""
    if not any(name in text.upper() for name in ("APPROX", "PERCENTILE")):
        return  # parsing back costs time; only a query naming such a function can approximate
    asked = {type(node) for node in query.find_all(*_APPROXIMATE)}
    rendered = sqlglot.parse_one(text, read=dialect)
    for node in rendered.find_all(*_APPROXIMATE):
        if type(node) not in asked:
            raise UnsupportedQuery(
                dialect, f"{node.sql(dialect)[:80]} would approximate an exact aggregate of the query"
            )


def _nulls_last_as_sort_key(query: exp.Expr) -> exp.Expr:
    """Window orderings written ``x`` (ascending, NULLs last as DuckDB and PostgreSQL sort) become
    ``x IS NULL, x``: the same order in a dialect whose NULLs sort first and that has no NULLS LAST."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        if not isinstance(node, exp.Window) or node.args.get("order") is None:
            return node
        keys: list[exp.Expr] = []
        for ordered in node.args["order"].expressions:
            if (
                isinstance(ordered, exp.Ordered)
                and not ordered.args.get("desc")
                and not ordered.args.get("nulls_first")
            ):
                is_null = exp.Is(this=ordered.this.copy(), expression=exp.null())
                keys.append(exp.Ordered(this=is_null, nulls_first=True))
                keys.append(exp.Ordered(this=ordered.this.copy(), nulls_first=True))
            else:
                keys.append(ordered.copy())
        node.args["order"].set("expressions", keys)
        return node

    return query.copy().transform(rewrite, copy=False)


def _spark_spelling(node: exp.Expr) -> exp.Expr:
    """Differences the engine reads as numbers, spelled so Spark gives numbers, not intervals:
    ``CAST(a AS DATE) - CAST(b AS DATE)`` → ``DATEDIFF(a, b)`` (days) and
    ``EXTRACT(EPOCH FROM end - start)`` → ``(UNIX_MICROS(end) - UNIX_MICROS(start)) / 1e6`` (seconds);
    the lead key's ``HASH`` → ``XXHASH64`` (64 bits like DuckDB's, so keys rarely collide); and a
    ``WITH x AS MATERIALIZED`` hint, which Spark's parser refuses, is left out (Spark decides itself).
    ``PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)`` → ``PERCENTILE(x, f)``: sqlglot would write
    ``PERCENTILE_APPROX``, an approximation; ``PERCENTILE`` interpolates exactly as PERCENTILE_CONT."""
    if isinstance(node, exp.WithinGroup) and isinstance(node.this, exp.PercentileCont):
        (ordered,) = node.expression.expressions
        value = ordered.this if isinstance(ordered, exp.Ordered) else ordered
        measured = value.copy().transform(_spark_spelling)
        return exp.Anonymous(this="PERCENTILE", expressions=[measured, node.this.this.copy()])
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        plain = node.copy()
        plain.set("materialized", None)
        return plain
    if isinstance(node, exp.Anonymous) and str(node.this).upper() == "HASH":
        return exp.Anonymous(this="XXHASH64", expressions=[e.copy() for e in node.expressions])
    if isinstance(node, exp.Sub) and _is_date(node.this) and _is_date(node.expression):
        return exp.Anonymous(this="DATEDIFF", expressions=[node.this.copy(), node.expression.copy()])
    if (
        isinstance(node, exp.Extract)
        and node.this.name.upper() == "EPOCH"
        and isinstance(node.expression, exp.Sub)
    ):
        end, start = node.expression.this, node.expression.expression
        micros = exp.Sub(
            this=exp.Anonymous(this="UNIX_MICROS", expressions=[end.copy()]),
            expression=exp.Anonymous(this="UNIX_MICROS", expressions=[start.copy()]),
        )
        return exp.Div(this=exp.Paren(this=micros), expression=exp.Literal.number("1000000.0"))
    return node


def _is_date(node: exp.Expr) -> bool:
    return isinstance(node, exp.Cast) and node.to.this == exp.DType.DATE


def _warehouse_spelling(node: exp.Expr, dialect: str) -> exp.Expr:
    """For BigQuery, Snowflake and Trino: day and second differences through each one's DATE_DIFF
    (``date - date`` and ``EXTRACT(EPOCH FROM interval)`` mean other things there), and on Trino,
    which has only APPROX_PERCENTILE, an exact interpolated percentile over the sorted values."""
    if isinstance(node, exp.Sub) and _is_date(node.this) and _is_date(node.expression):
        return exp.DateDiff(this=node.this.copy(), expression=node.expression.copy(), unit=exp.var("DAY"))
    if _is_epoch_difference(node):
        assert isinstance(node, exp.Extract) and isinstance(node.expression, exp.Sub)
        unit, per_second = ("MILLISECOND", "1000.0") if dialect == "trino" else ("MICROSECOND", "1000000.0")
        ticks = exp.TimestampDiff(
            this=node.expression.this.copy(), expression=node.expression.expression.copy(), unit=exp.var(unit)
        )
        return exp.Div(this=ticks, expression=exp.Literal.number(per_second))
    if dialect == "trino" and isinstance(node, exp.WithinGroup) and isinstance(node.this, exp.PercentileCont):
        (ordered,) = node.expression.expressions
        value = (ordered.this if isinstance(ordered, exp.Ordered) else ordered).copy()
        return _sorted_percentile(value.transform(lambda n: _warehouse_spelling(n, dialect)), node.this.this)
    return node


def _is_epoch_difference(node: exp.Expr) -> bool:
    return (
        isinstance(node, exp.Extract)
        and node.this.name.upper() == "EPOCH"
        and isinstance(node.expression, exp.Sub)
    )


def _sorted_percentile(value: exp.Expr, fraction: exp.Expr) -> exp.Expr:
    """PERCENTILE_CONT without it: the values sorted in an array, the two around the fraction
    (0-based position ``f * (n - 1)``) interpolated linearly. No values: ELEMENT_AT gives NULL."""

    def values() -> exp.Expr:
        gathered = exp.Filter(
            this=exp.ArrayAgg(this=value.copy()),
            expression=exp.Where(this=exp.Not(this=exp.Is(this=value.copy(), expression=exp.null()))),
        )
        return exp.Anonymous(this="ARRAY_SORT", expressions=[gathered])

    def position() -> exp.Expr:
        count = exp.Anonymous(this="CARDINALITY", expressions=[values()])
        return exp.Mul(
            this=fraction.copy(), expression=exp.Paren(this=exp.Sub(this=count, expression=_one()))
        )

    def at(index: exp.Expr) -> exp.Expr:
        return exp.Anonymous(
            this="ELEMENT_AT", expressions=[values(), exp.Add(this=index, expression=_one())]
        )

    low = exp.Cast(this=exp.Floor(this=position()), to=exp.DataType.build("BIGINT"))
    high = exp.Cast(this=exp.Ceil(this=position()), to=exp.DataType.build("BIGINT"))
    weight = exp.Sub(this=position(), expression=exp.Floor(this=position()))
    spread = exp.Paren(this=exp.Sub(this=at(high), expression=at(low.copy())))
    return exp.Add(this=at(low.copy()), expression=exp.Mul(this=exp.Paren(this=weight), expression=spread))


def _one() -> exp.Expr:
    return exp.Literal.number(1)
