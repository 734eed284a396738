"""What each definition refers to: tables, columns, filters, other KPIs and SLAs, with YAML paths."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from ..loading.safe_yaml import Path_
from ..measures.kind import COMPUTE, TableRead
from ..measures.registry import kind_of
from ..model.expressions import ExpressionError, RowFilter, parse_filter
from ..model.kpi import Kpi
from ..model.project import Loaded, Project

# Tables an SLA filter reads: criteria and disqualifiers describe leads, behaviour rules activities.
_LEADS: tuple[str, ...] = ("leads",)
_BEHAVIOUR: tuple[str, ...] = ("activities", "leads")


@dataclass(frozen=True)
class FilterSite:
    """A restricted filter expression written in a KPI or an SLA, and the tables whose columns it may use."""

    owner: Loaded[Any]
    path: Path_
    text: str
    tables: tuple[str, ...]


def table_reads(kpi: Kpi) -> Iterator[TableRead]:
    """Every table the KPI's measure names (both operands of a ratio), with its columns and filter."""
    return kind_of(kpi.compute).table_reads(kpi.compute, COMPUTE)


def filter_sites(project: Project) -> Iterator[FilterSite]:
    """Every filter in the catalogue: KPI measures and the SLA's criteria, rules, triggers, disqualifiers."""
    for kpi in project.kpis:
        for read in table_reads(kpi.spec):
            if read.filter is not None:
                yield FilterSite(kpi, (*read.path, "filter"), read.filter, (read.table,))
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


def kpi_references(kpi: Kpi) -> Iterator[tuple[str, Path_]]:
    """Other KPIs this KPI is computed from: ratio operands and derived-expression names (not params)."""
    return kind_of(kpi.compute).kpi_references(kpi.compute, kpi)


def sla_references(kpi: Kpi) -> Iterator[tuple[str, Path_]]:
    """SLAs this KPI reads: the contract it measures, or the business calendar of a duration."""
    return kind_of(kpi.compute).sla_references(kpi.compute)


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
