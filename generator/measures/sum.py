"""``measure: sum`` — the sum of a numeric column over a table's rows in the period of a timestamp column."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import Sum
from ..model.kpi import Kpi
from .kind import ColumnUse, MeasureKind, Measurer, Phrases, TableRead, volume_default
from .volume import VOLUMES

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class SumKind(MeasureKind[Sum]):
    """Measured in the shared volume batch; also a ratio's operand."""

    batch = VOLUMES
    shows_fraction = False
    additive = True
    sums_over_time = True

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Sum, scope: Scope) -> Cells:
        cells = measurer.shared(VOLUMES, spec, scope)
        if measurer.has_values(spec.table, spec.column):
            return cells
        from ..engine.no_data import without_values  # a column without values: no data, not ¥0

        return without_values(cells)

    def default(self, measurer: Measurer, kpi: Kpi, spec: Sum, key: Key, scope: Scope) -> Cell:
        if measurer.has_values(spec.table, spec.column):
            return volume_default()  # no row in the period: a real 0
        from ..engine.scope import Cell

        return Cell(None, support=0.0)

    def table_reads(self, spec: Sum, path: Path_) -> Iterator[TableRead]:
        columns = (
            ColumnUse(spec.table, spec.column, (*path, "column"), "numeric"),
            ColumnUse(spec.table, spec.time, (*path, "time"), "timestamp"),
        )
        yield TableRead(spec.table, path, columns, spec.filter)

    def formula(self, phrases: Phrases, spec: Sum, kpi: Kpi, grain: str) -> Markup:
        noun = phrases.noun(spec.table)
        when = f"その{grain}に{phrases.event(spec.table, spec.time)}"
        condition = phrases.row_filter(spec.table, spec.filter)
        column = phrases.column(spec.table, spec.column)
        return Markup(f"({when}{noun}{condition}の「{column}」の合計)")


SUM = SumKind()
