"""Checks the catalogue implies without sources.yml declaring them: a summed column holds finite numbers.

A KPI that sums a column (amounts, attempts) shows a wrong number without any error when that column
holds NaN, ±infinity or empty values: DuckDB skips the empty ones and a NaN poisons the period. So
every numeric column a KPI sums gets a ``finite`` check, declared or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.issue import Location
from ..model.project import Project
from ..model.sources import FiniteCheck, Table
from ..rules.uses import table_reads

NUMERIC_TYPES = ("integer", "float")


@dataclass(frozen=True)
class ImpliedCheck:
    """A check no one wrote, located at the column it guards (its declaration in sources.yml)."""

    check: FiniteCheck
    location: Location


def summed_columns(project: Project) -> set[tuple[str, str]]:
    """(table, column) of every numeric column a KPI measure reads as a number."""
    return {
        (use.table, use.column)
        for kpi in project.kpis
        for read in table_reads(kpi.spec)
        for use in read.columns
        if use.expects == "numeric"
    }


def implied_checks(project: Project) -> dict[str, list[ImpliedCheck]]:
    """Per table id: a ``finite`` check for each summed numeric column that has none declared."""
    sources = project.sources
    if sources is None:
        return {}
    summed = summed_columns(project)
    found: dict[str, list[ImpliedCheck]] = {}
    for t, table in enumerate(sources.spec.tables):
        for c, name in _undeclared_finite(table, summed):
            location = sources.at("tables", t, "columns", c)
            found.setdefault(table.id, []).append(
                ImpliedCheck(FiniteCheck(check="finite", column=name), location)
            )
    return found


def _undeclared_finite(table: Table, summed: set[tuple[str, str]]) -> Iterator[tuple[int, str]]:
    declared = {check.column for check in table.checks if isinstance(check, FiniteCheck)}
    for c, column in enumerate(table.columns):
        wanted = (table.id, column.name) in summed and column.type in NUMERIC_TYPES
        if wanted and column.name not in declared:
            yield c, column.name
