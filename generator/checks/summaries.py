"""The summary queries behind the table checks, as sqlglot expressions (rendered per backend dialect).

Each query reduces a table to a few rows — one per distinct value, day or outcome — with a weight
column ``n`` counting the source rows it stands for. GX then validates the small frame, so checking
a million activity rows never moves a million rows into pandas.
"""

from __future__ import annotations

from sqlglot import exp

WEIGHT = "n"


def _column(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def _table(name: str, alias: str | None = None) -> exp.Table:
    alias_node = exp.TableAlias(this=exp.to_identifier(alias, quoted=True)) if alias else None
    return exp.Table(this=exp.to_identifier(name, quoted=True), alias=alias_node)


def _count_rows() -> exp.Expr:
    return exp.alias_(exp.Count(this=exp.Star()), WEIGHT, quoted=True)


def _not_null(column: exp.Expr) -> exp.Expr:
    return exp.Not(this=exp.Is(this=column, expression=exp.Null()))


def multiplicity(table: str, column: str) -> exp.Select:
    """``multiplicity`` (how many rows share a value) → rows with that multiplicity; nulls left out."""
    per_value = (
        exp.select(_column(column), exp.alias_(exp.Count(this=exp.Star()), "multiplicity", quoted=True))
        .from_(_table(table))
        .where(_not_null(_column(column)))
        .group_by(_column(column))
    )
    return (
        exp.select(
            _column("multiplicity"),
            exp.alias_(exp.Sum(this=_column("multiplicity")), WEIGHT, quoted=True),
        )
        .from_(per_value.subquery("per_value"))
        .group_by(_column("multiplicity"))
        .order_by(_column("multiplicity"))
    )


def presence(table: str, column: str) -> exp.Select:
    """``present`` (true, or null where the column is null) → rows."""
    present = exp.Case(
        ifs=[exp.If(this=exp.Is(this=_column(column), expression=exp.Null()), true=exp.Null())],
        default=exp.true(),
    )
    return (
        exp.select(exp.alias_(present, "present", quoted=True), _count_rows())
        .from_(_table(table))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def values(table: str, column: str) -> exp.Select:
    """Each distinct non-null ``value`` (as text) → rows."""
    as_text = exp.cast(_column(column), exp.DataType.Type.VARCHAR)
    return (
        exp.select(exp.alias_(as_text, "value", quoted=True), _count_rows())
        .from_(_table(table))
        .where(_not_null(_column(column)))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def days(table: str, column: str) -> exp.Select:
    """Each calendar ``day`` of a timestamp column → rows; nulls left out."""
    as_date = exp.cast(_column(column), exp.DataType.Type.DATE)
    return (
        exp.select(exp.alias_(as_date, "day", quoted=True), _count_rows())
        .from_(_table(table))
        .where(_not_null(_column(column)))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def order(table: str, before: str, after: str) -> exp.Select:
    """``direction`` of ``after`` from ``before`` (-1 earlier, 0 same, 1 later; null if either is) → rows."""
    first, then = _column(before), _column(after)
    direction = exp.Case(
        ifs=[
            exp.If(this=exp.LT(this=then, expression=first), true=exp.Literal.number(-1)),
            exp.If(this=exp.EQ(this=then, expression=first), true=exp.Literal.number(0)),
            exp.If(this=exp.GT(this=then, expression=first), true=exp.Literal.number(1)),
        ]
    )
    return (
        exp.select(exp.alias_(direction, "direction", quoted=True), _count_rows())
        .from_(_table(table))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def references(table: str, column: str, target: str, key: str) -> exp.Select:
    """``found`` (whether the id exists in ``target.key``) → rows; null ids left out; ids compared as text."""
    keys = (
        exp.select(exp.alias_(exp.cast(_column(key), exp.DataType.Type.VARCHAR), "key", quoted=True))
        .distinct()
        .from_(_table(target))
        .where(_not_null(_column(key)))
    )
    child_id = exp.cast(_column(column, "child"), exp.DataType.Type.VARCHAR)
    found = _not_null(_column("key", "keys"))
    return (
        exp.select(exp.alias_(found, "found", quoted=True), _count_rows())
        .from_(_table(table, "child"))
        .join(
            keys.subquery("keys"),
            on=exp.EQ(this=child_id, expression=_column("key", "keys")),
            join_type="left",
        )
        .where(_not_null(_column(column, "child")))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def row_count(table: str) -> exp.Select:
    """One row: the table's row count."""
    return exp.select(_count_rows()).from_(_table(table))


def _double(value: str) -> exp.Expr:
    return exp.cast(exp.Literal.string(value), exp.DataType.Type.DOUBLE)


def finite(table: str, column: str, *, required: bool) -> exp.Select:
    """``finite`` (false for NaN or ±infinity, and for an empty value when ``required``) → rows.

    NaN, ``Infinity`` and ``-Infinity`` are compared as values: both DuckDB and PostgreSQL treat NaN
    as equal to itself, so one ``IN`` list finds all three in either backend.
    """
    value = exp.cast(_column(column), exp.DataType.Type.DOUBLE)
    not_finite = exp.In(this=value, expressions=[_double("NaN"), _double("Infinity"), _double("-Infinity")])
    ok = exp.Case(
        ifs=[
            exp.If(
                this=exp.Is(this=_column(column), expression=exp.Null()), true=exp.Boolean(this=not required)
            ),
            exp.If(this=not_finite, true=exp.false()),
        ],
        default=exp.true(),
    )
    return (
        exp.select(exp.alias_(ok, "finite", quoted=True), _count_rows())
        .from_(_table(table))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def within(table: str, column: str, low: float | None, high: float | None) -> exp.Select:
    """``within`` (whether the value lies in ``low``..``high``; null where it is empty) → rows."""
    value = exp.cast(_column(column), exp.DataType.Type.DOUBLE)
    bounds: list[exp.Expr] = []
    if low is not None:
        bounds.append(exp.GTE(this=value, expression=exp.Literal.number(low)))
    if high is not None:
        bounds.append(exp.LTE(this=value, expression=exp.Literal.number(high)))
    inside = exp.and_(*bounds) if bounds else exp.true()
    ok = exp.Case(
        ifs=[
            exp.If(this=exp.Is(this=_column(column), expression=exp.Null()), true=exp.Null()),
            exp.If(this=inside, true=exp.true()),
        ],
        default=exp.false(),
    )
    return (
        exp.select(exp.alias_(ok, "within", quoted=True), _count_rows())
        .from_(_table(table))
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )
