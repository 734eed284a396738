"""``measure: conversion`` — of the rows entering a cohort in a period, the share converting in a window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import Conversion
from ..model.kpi import Kpi
from .kind import ColumnUse, MeasureKind, Measurer, Phrases, TableRead, rate_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class ConversionKind(MeasureKind[Conversion]):
    """One cohort query per KPI and scope (``engine/cohorts.py``)."""

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Conversion, scope: Scope) -> Cells:
        from ..engine.cohorts import measure_conversion
        from ..engine.scope import table_columns

        cells = measure_conversion(measurer.fetch, spec, table_columns(measurer.tables, spec.table), scope)
        if measurer.has_values(spec.table, spec.converted):
            return cells
        from ..engine.no_data import without_values  # the stage is never recorded: no data, not 0%

        return without_values(cells)

    def default(self, measurer: Measurer, kpi: Kpi, spec: Conversion, key: Key, scope: Scope) -> Cell:
        return rate_default()

    def table_reads(self, spec: Conversion, path: Path_) -> Iterator[TableRead]:
        columns = (
            ColumnUse(spec.table, spec.cohort, (*path, "cohort"), "timestamp"),
            ColumnUse(spec.table, spec.converted, (*path, "converted"), "timestamp"),
        )
        yield TableRead(spec.table, path, columns, spec.filter)

    def maturity_days(self, spec: Conversion) -> int:
        return spec.window_days

    def formula(self, phrases: Phrases, spec: Conversion, kpi: Kpi, grain: str) -> Markup:
        noun = phrases.noun(spec.table)
        cohort = phrases.event(spec.table, spec.cohort)
        converted = phrases.event(spec.table, spec.converted)
        condition = phrases.row_filter(spec.table, spec.filter)
        entered = f"その{grain}に{cohort}{noun}{condition}"
        return Markup(f"({entered}のうち{spec.window_days}日以内に{converted}数) ÷ ({entered}数)")


CONVERSION = ConversionKind()
