"""Counts and sums, fused: every count/sum on one table and time column is one query, one scan.

For ``activities`` (the big table) this is what keeps measuring linear in the data: the whole
catalogue's activity counts for a grain come from a single pass with filtered aggregates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd
from sqlglot import exp

from ..model.compute import Count, Sum
from ..model.sources import Table
from .filters import check_columns, filter_columns, row_filter
from .lead_keys import LEAD_ID, LEAD_KEY
from .scope import Cell, Cells, Scope, frame_keys, group_by_positions, group_keys, number_or_none, source
from .sqlparts import col, count_distinct_if, count_if, in_range, is_not_null, sum_if

CountOrSum = Count | Sum
Fetch = Callable[[exp.Expr], pd.DataFrame]


def fused_query(table: Table, time: str, specs: Sequence[CountOrSum], scope: Scope) -> exp.Select:
    """One grouped query holding value ``v<i>`` (and support ``s<i>`` for sums) of every spec."""
    check_columns(table, [time])
    reads = {time}
    aggregates: list[exp.Expr] = []
    conditions: list[exp.Expr | None] = []
    for index, spec in enumerate(specs):
        condition, filter_columns = row_filter(spec.filter, table)
        conditions.append(condition)
        reads |= filter_columns
        if isinstance(spec, Count):
            if spec.distinct is None:
                value = count_if(condition)
            else:
                check_columns(table, [spec.distinct])
                reads.add(spec.distinct)
                value = count_distinct_if(col(spec.distinct), condition)
            aggregates.append(exp.alias_(value, f"v{index}"))
        else:
            check_columns(table, [spec.column])
            reads.add(spec.column)
            aggregates.append(exp.alias_(sum_if(col(spec.column), condition), f"v{index}"))
            contributing = (
                exp.and_(condition, is_not_null(col(spec.column)))
                if condition
                else is_not_null(col(spec.column))
            )
            aggregates.append(exp.alias_(count_if(contributing), f"s{index}"))
            aggregates.append(exp.alias_(count_if(condition), f"m{index}"))  # rows it sums, valued or not
    moment = col(time)
    where = in_range(moment.copy(), scope.start, scope.end)
    if all(c is not None for c in conditions):
        # Only rows some aggregate counts: lets the database skip the rest early (e.g. webinar rows only).
        where = exp.and_(where, exp.or_(*[exp.Paren(this=c) for c in conditions if c is not None]))
    return (
        exp.select(*group_keys(moment, scope), *aggregates, copy=False)
        .from_(source(table, reads, scope), copy=False)
        .where(where, copy=False)
        .group_by(*group_by_positions(scope), copy=False)
    )


def subset_query(
    table: Table, time: str, specs: Sequence[CountOrSum], start: dt.datetime, end: dt.datetime
) -> exp.Select | None:
    """The rows any of ``specs`` counts (every one has a filter), with the columns they and segments read.

    Kept as a temporary table when several scopes need distinct counts or sums over a big table, so
    each scope reads a few thousand rows (e.g. webinar activities) instead of the whole table.
    """
    conditions: list[exp.Expr] = []
    # lead_id for distinct counts, lead_key for the segments' join to the leads
    reads = {time} | ({LEAD_ID, LEAD_KEY} if table.column(LEAD_ID) else set())
    reads |= {"campaign_id"} if table.column("campaign_id") else set()
    for spec in specs:
        condition, columns = row_filter(spec.filter, table)
        if condition is None:
            return None
        conditions.append(exp.Paren(this=condition))
        reads |= columns | ({spec.distinct} if isinstance(spec, Count) and spec.distinct else set())
        reads |= {spec.column} if isinstance(spec, Sum) else set()
    where = exp.and_(in_range(col(time), start, end), exp.or_(*conditions))
    return (
        exp.select(*[col(name) for name in sorted(reads)], copy=False)
        .from_(exp.to_table(table.id), copy=False)
        .where(where, copy=False)
    )


def check_spec(table: Table, time: str, spec: CountOrSum) -> None:
    """Raise MeasureError when ``spec`` names a column the table lacks (before joining a fused query)."""
    check_columns(table, [time])
    filter_columns(spec.filter, table)
    if isinstance(spec, Count) and spec.distinct is not None:
        check_columns(table, [spec.distinct])
    if isinstance(spec, Sum):
        check_columns(table, [spec.column])


def fused_cells(frame: pd.DataFrame, specs: Sequence[CountOrSum], scope: Scope) -> list[Cells]:
    """Split a fused result into one set of cells per spec.

    A sum of no rows is 0; a sum whose rows in the cell all have the column empty is no data (None),
    never ¥0 (``no_data``). A result without ``m<i>`` (a cube's counts) has no sums.
    """
    keys = frame_keys(frame, scope)
    result: list[Cells] = []
    for index, spec in enumerate(specs):
        values = [number_or_none(v) for v in frame[f"v{index}"]]
        if isinstance(spec, Count):
            supports, rows = values, values
        else:
            supports = [number_or_none(v) for v in frame[f"s{index}"]]
            rows = [number_or_none(v) for v in frame[f"m{index}"]]
        result.append(
            {
                key: Cell(value=_summed(value, support, counted), support=support or 0.0)
                for key, value, support, counted in zip(keys, values, supports, rows, strict=True)
            }
        )
    return result


def _summed(value: float | None, valued: float | None, rows: float | None) -> float | None:
    """0 for no rows; None when there are rows but none has a value; else the value."""
    if (rows or 0.0) > 0 and not valued:
        return None
    return value or 0.0


def measure_fused(
    fetch: Fetch, table: Table, time: str, specs: Sequence[CountOrSum], scope: Scope
) -> list[Cells]:
    """Run the fused query for ``specs`` and return their cells in order."""
    return fused_cells(fetch(fused_query(table, time, specs, scope)), specs, scope)
