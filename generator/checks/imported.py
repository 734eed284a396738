"""Checks an imported export needs beyond sources.yml's own: columns a KPI reads that hold no value at
all, and the first contact of a hand-off after its lead was won.

- **No value at all** (a warning): a column a KPI reads that is empty in every row (the export did not
  carry it) makes the KPI 「データなし」 rather than 0 (``engine.no_data``); this check says why.
- **First contact ≤ won** (an error, like every ordering): a hand-off's first contact after its lead
  was won gives a negative time to win; it spans two tables, so it is checked on their join.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from sqlglot import exp

from ..engine.lead_keys import LEADS
from ..model.project import Project
from ..rules.uses import table_reads
from . import summaries
from .data_files import OpenTable
from .messages import Explain
from .plan import Messages, Outcome, Planned, Step, Target

if TYPE_CHECKING:
    from .table_checks import TableContext

HANDOFFS, FIRST_CONTACT, WON, LEAD_ID = "handoffs", "first_contact_at", "won_at", "lead_id"


def read_columns(project: Project) -> frozenset[tuple[str, str]]:
    """(table, column) of every column a KPI's measure reads (its values, times and cohorts)."""
    return frozenset(
        (use.table, use.column)
        for kpi in project.kpis
        for read in table_reads(kpi.spec)
        for use in read.columns
    )


def imported_steps(context: TableContext, read: Set[tuple[str, str]], seen: set[str]) -> Iterator[Step]:
    """The extra checks of one table, after its declared and implied ones."""
    data = context.data
    if not isinstance(data, OpenTable):
        return
    for c, column in enumerate(context.table.columns):
        wanted = (context.table.id, column.name) in read and column.nullable and not column.personal
        if wanted and column.name in data.columns:
            yield _has_values(context, c, column.name, seen)
    if context.table.id == HANDOFFS:
        yield from _first_contact_before_won(context, seen)


def _target(context: TableContext, check_id: str, rule: str, column: str, c: int, *, warning: bool) -> Target:
    location = context.sources.at("tables", context.index, "columns", c)
    return Target(
        check_id, "table", context.table.id, rule, column, location, "warning" if warning else "error"
    )


def _has_values(context: TableContext, c: int, column: str, seen: set[str]) -> Planned:
    table = context.table.id
    target = _target(context, f"table:{table}:has_values:{column}", "has_values", column, c, warning=True)
    seen.add(target.check_id)
    key, frame = context.frames.get(has_values_query(table, column))
    explain = _has_values_messages(table, column)
    return Planned(
        target,
        key,
        frame,
        "expect_column_values_to_be_in_set",
        {"column": "valued", "value_set": [True]},
        explain,
    )


def has_values_query(table: str, column: str) -> exp.Select:
    """One row: ``valued`` (some row holds a value, or the table has no rows) and ``n`` rows."""
    rows = exp.Count(this=exp.Star())
    valued = exp.or_(
        exp.GT(this=exp.Count(this=exp.column(column, quoted=True)), expression=exp.Literal.number(0)),
        exp.EQ(this=rows.copy(), expression=exp.Literal.number(0)),
    )
    return exp.select(
        exp.alias_(valued, "valued", quoted=True), exp.alias_(rows, summaries.WEIGHT, quoted=True)
    ).from_(exp.to_table(table))


def _has_values_messages(table: str, column: str) -> Explain:
    def explain(outcome: Outcome) -> Messages:
        if outcome.success:
            return (
                f"{table}.{column}: 値があります (has_values)",
                f"{table}.{column}: holds values (has_values)",
            )
        return (
            f"{table}.{column}: どの行にも値がありません (has_values) — この列を読む KPI は「データなし」と"
            "表示されます。エクスポートにこの列を含めてください",
            f"{table}.{column}: no row holds a value (has_values) — the KPIs reading it show 'no data';"
            " include the column in the export",
        )

    return explain


def _first_contact_before_won(context: TableContext, seen: set[str]) -> Iterator[Planned]:
    data, leads = context.data, context.tables.get(LEADS)
    if not (isinstance(data, OpenTable) and isinstance(leads, OpenTable)):
        return
    if not ({FIRST_CONTACT, LEAD_ID} <= data.columns and {WON, LEAD_ID} <= leads.columns):
        return
    c = next(i for i, column in enumerate(context.table.columns) if column.name == FIRST_CONTACT)
    check_id = f"table:{HANDOFFS}:ordered:{FIRST_CONTACT}:{LEADS}.{WON}"
    target = _target(context, check_id, "ordered", FIRST_CONTACT, c, warning=False)
    seen.add(check_id)
    key, frame = context.frames.get(order_across_query())
    yield Planned(
        target,
        key,
        frame,
        "expect_column_values_to_be_between",
        {"column": "direction", "min_value": 0},
        _first_contact_messages(),
        weight=summaries.WEIGHT,
    )


def order_across_query() -> exp.Select:
    """``direction`` of the lead's ``won_at`` from the hand-off's ``first_contact_at`` → hand-offs."""
    first = exp.column(FIRST_CONTACT, table="h", quoted=True)
    won = exp.column(WON, table="l", quoted=True)
    direction = exp.Case(
        ifs=[
            exp.If(this=exp.LT(this=won, expression=first), true=exp.Literal.number(-1)),
            exp.If(this=exp.GTE(this=won.copy(), expression=first.copy()), true=exp.Literal.number(1)),
        ]
    )
    same_lead = exp.EQ(
        this=exp.cast(exp.column(LEAD_ID, table="h", quoted=True), exp.DataType.Type.VARCHAR),
        expression=exp.cast(exp.column(LEAD_ID, table="l", quoted=True), exp.DataType.Type.VARCHAR),
    )
    return (
        exp.select(
            exp.alias_(direction, "direction", quoted=True),
            exp.alias_(exp.Count(this=exp.Star()), summaries.WEIGHT, quoted=True),
        )
        .from_(exp.to_table(HANDOFFS).as_("h"))
        .join(exp.to_table(LEADS).as_("l"), on=same_lead, join_type="inner")
        .group_by(exp.Literal.number(1))
        .order_by(exp.Literal.number(1))
    )


def _first_contact_messages() -> Explain:
    rule, where = f"ordered: {FIRST_CONTACT} ≤ {LEADS}.{WON}", f"{HANDOFFS}.{FIRST_CONTACT}"

    def explain(outcome: Outcome) -> Messages:
        if outcome.success:
            return (
                f"{where}: 問題ありません ({rule}, {outcome.element_count or 0:,} 行)",
                f"{where}: passed ({rule}, {outcome.element_count or 0:,} rows)",
            )
        count = f"{outcome.unexpected_count or 0:,}"
        return (
            f"{where}: リードの受注日時より後に初回接触した引き渡しが {count} 件あります ({rule})"
            " — 初回接触と受注の日時の記録を確認してください",
            f"{where}: {count} hand-offs were first contacted after their lead was won ({rule})"
            " — check how first contact and won timestamps are recorded",
        )

    return explain
