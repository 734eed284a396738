"""Checks sources.yml implies without declaring them, so imported tables are checked like the sample.

- A KPI that sums a column (amounts, attempts) shows a wrong number without any error when that column
  holds NaN, ±infinity or empty values: DuckDB skips the empty ones and a NaN poisons the period. So
  every numeric column a KPI sums gets a ``finite`` check, declared or not.
- A column declared ``nullable: false`` gets a ``not_null`` check (a ``finite`` check already refuses
  the empty values of a required number).
- Every pair of lifecycle stages a table holds gets an ``ordered`` check (:mod:`.lifecycle`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.issue import Location
from ..model.project import Project
from ..model.sources import FiniteCheck, NotNullCheck, OrderedCheck, Table, TableCheck
from ..rules.uses import table_reads
from .lifecycle import lifecycle_pairs

NUMERIC_TYPES = ("integer", "float")


@dataclass(frozen=True)
class ImpliedCheck:
    """A check no one wrote, located at the column it guards (its declaration in sources.yml)."""

    check: TableCheck
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
    """Per table id: ``finite`` for each summed numeric column, ``not_null`` for each required column,
    ``ordered`` for each pair of lifecycle stages — each only when sources.yml does not declare it."""
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
        finite = {
            check.check.column for check in found.get(table.id, []) if isinstance(check.check, FiniteCheck)
        }
        for c, name in _undeclared_not_null(table, finite):
            location = sources.at("tables", t, "columns", c)
            found.setdefault(table.id, []).append(
                ImpliedCheck(NotNullCheck(check="not_null", column=name), location)
            )
        for c, before, after in _undeclared_order(table):
            location = sources.at("tables", t, "columns", c)
            found.setdefault(table.id, []).append(
                ImpliedCheck(OrderedCheck(check="ordered", before=before, after=after), location)
            )
    return found


def _undeclared_not_null(table: Table, implied_finite: set[str]) -> Iterator[tuple[int, str]]:
    """Required, non-personal columns without a ``not_null`` or a (declared or implied) ``finite`` check."""
    covered = implied_finite | {
        check.column for check in table.checks if isinstance(check, NotNullCheck | FiniteCheck)
    }
    for c, column in enumerate(table.columns):
        if not column.nullable and not column.personal and column.name not in covered:
            yield c, column.name


def _undeclared_order(table: Table) -> Iterator[tuple[int, str, str]]:
    """Lifecycle pairs without a declared ``ordered`` check, located at the later stage's column."""
    declared = {(check.before, check.after) for check in table.checks if isinstance(check, OrderedCheck)}
    positions = {column.name: c for c, column in enumerate(table.columns)}
    for before, after in lifecycle_pairs(table):
        if (before, after) not in declared:
            yield positions[after], before, after


def _undeclared_finite(table: Table, summed: set[tuple[str, str]]) -> Iterator[tuple[int, str]]:
    declared = {check.column for check in table.checks if isinstance(check, FiniteCheck)}
    for c, column in enumerate(table.columns):
        wanted = (table.id, column.name) in summed and column.type in NUMERIC_TYPES
        if wanted and column.name not in declared:
            yield c, column.name
