"""What each definition refers to: tables, columns, filters, other KPIs and SLAs, with YAML paths."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlglot import exp

from ..loading.safe_yaml import Path_
from ..model.compute import (
    Conversion,
    Count,
    Derived,
    Duration,
    KpiRef,
    Ratio,
    ScoreAtLeast,
    SlaCompliance,
    Sum,
)
from ..model.expressions import ExpressionError, RowFilter, parse_arithmetic, parse_filter
from ..model.kpi import Kpi
from ..model.project import Loaded, Project

TableMeasure = Count | Sum | Conversion | Duration
Expects = Literal["timestamp", "numeric", "any"]

# Tables an SLA filter reads: criteria and disqualifiers describe leads, behaviour rules activities.
_LEADS: tuple[str, ...] = ("leads",)
_BEHAVIOUR: tuple[str, ...] = ("activities", "leads")


@dataclass(frozen=True)
class ColumnUse:
    """A column a measure reads, where it is written, and what type it must have."""

    table: str
    column: str
    path: Path_
    expects: Expects


@dataclass(frozen=True)
class FilterSite:
    """A restricted filter expression written in a KPI or an SLA, and the tables whose columns it may use."""

    owner: Loaded[Any]
    path: Path_
    text: str
    tables: tuple[str, ...]


def table_measures(kpi: Kpi) -> Iterator[tuple[TableMeasure, Path_]]:
    """Every measure that reads a table, including both operands of a ratio."""
    compute = kpi.compute
    if isinstance(compute, Count | Sum | Conversion | Duration):
        yield compute, ("compute",)
    elif isinstance(compute, Ratio):
        for side in ("numerator", "denominator"):
            operand = getattr(compute, side)
            if isinstance(operand, Count | Sum):
                yield operand, ("compute", side)


def column_uses(measure: TableMeasure, path: Path_) -> Iterator[ColumnUse]:
    """The columns one measure names (filters excluded: see :func:`filter_sites`)."""
    table = measure.table
    if isinstance(measure, Count):
        yield ColumnUse(table, measure.time, (*path, "time"), "timestamp")
        if measure.distinct is not None:
            yield ColumnUse(table, measure.distinct, (*path, "distinct"), "any")
    elif isinstance(measure, Sum):
        yield ColumnUse(table, measure.column, (*path, "column"), "numeric")
        yield ColumnUse(table, measure.time, (*path, "time"), "timestamp")
    elif isinstance(measure, Conversion):
        yield ColumnUse(table, measure.cohort, (*path, "cohort"), "timestamp")
        yield ColumnUse(table, measure.converted, (*path, "converted"), "timestamp")
    else:
        yield ColumnUse(table, measure.start, (*path, "start"), "timestamp")
        yield ColumnUse(table, measure.end, (*path, "end"), "timestamp")


def filter_sites(project: Project) -> Iterator[FilterSite]:
    """Every filter in the catalogue: KPI measures and the SLA's criteria, rules, triggers, disqualifiers."""
    for kpi in project.kpis:
        for measure, path in table_measures(kpi.spec):
            if measure.filter is not None:
                yield FilterSite(kpi, (*path, "filter"), measure.filter, (measure.table,))
    for sla in project.slas:
        spec = sla.spec
        for part in ("mql", "sql"):
            for i, criterion in enumerate(getattr(spec, part).criteria):
                yield FilterSite(sla, (part, "criteria", i, "filter"), criterion.filter, _LEADS)
        for i, rule in enumerate(spec.scoring.rules):
            if rule.filter is not None:
                tables = _BEHAVIOUR if rule.activity else _LEADS
                yield FilterSite(sla, ("scoring", "rules", i, "filter"), rule.filter, tables)
        for i, trigger in enumerate(spec.hot_lead_triggers):
            if trigger.filter is not None:
                yield FilterSite(sla, ("hot_lead_triggers", i, "filter"), trigger.filter, _BEHAVIOUR)
        for i, disqualifier in enumerate(spec.disqualifiers):
            yield FilterSite(sla, ("disqualifiers", i, "filter"), disqualifier.filter, _LEADS)


def derived_names(kpi: Kpi) -> frozenset[str] | None:
    """Names a derived expression uses, or None when it is not derived or does not parse."""
    if not isinstance(kpi.compute, Derived):
        return None
    try:
        return parse_arithmetic(kpi.compute.expression).names
    except ExpressionError:
        return None


def kpi_references(kpi: Kpi) -> Iterator[tuple[str, Path_]]:
    """Other KPIs this KPI is computed from: ratio operands and derived-expression names (not params)."""
    compute = kpi.compute
    if isinstance(compute, Ratio):
        for side in ("numerator", "denominator"):
            operand = getattr(compute, side)
            if isinstance(operand, KpiRef):
                yield operand.kpi, ("compute", side, "kpi")
    names = derived_names(kpi)
    if names is not None:
        for name in sorted(names - set(kpi.params)):
            yield name, ("compute", "expression")


def sla_references(kpi: Kpi) -> Iterator[tuple[str, Path_]]:
    """SLAs this KPI reads: the contract it measures, or the business calendar of a duration."""
    compute = kpi.compute
    if isinstance(compute, SlaCompliance | ScoreAtLeast):
        yield compute.sla, ("compute", "sla")
    elif isinstance(compute, Duration) and compute.calendar is not None:
        yield compute.calendar, ("compute", "calendar")


@functools.lru_cache(maxsize=1024)
def parsed_filter(text: str) -> RowFilter | None:
    """The parsed filter, or None when it does not parse (FLT001 reports why)."""
    try:
        return parse_filter(text)
    except ExpressionError:
        return None


def compared_strings(tree: exp.Expression) -> Iterator[tuple[str, str]]:
    """(column, text) for every ``column = 'text'``, ``<>`` and ``in ('a', 'b')`` in a filter."""
    for node in tree.walk():
        if isinstance(node, exp.EQ | exp.NEQ):
            left, right = node.args.get("this"), node.args.get("expression")
            for column, other in ((left, right), (right, left)):
                if isinstance(column, exp.Column) and isinstance(other, exp.Literal) and other.is_string:
                    yield column.name, str(other.this)
        elif isinstance(node, exp.In):
            column = node.args.get("this")
            if isinstance(column, exp.Column):
                for item in node.expressions:
                    if isinstance(item, exp.Literal) and item.is_string:
                        yield column.name, str(item.this)
