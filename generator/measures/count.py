"""``measure: count`` — rows (or distinct values) of a table in the period of a timestamp column."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import Count
from ..model.kpi import Kpi
from .kind import ColumnUse, MeasureKind, Measurer, Phrases, TableRead, volume_default
from .volume import VOLUMES

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class CountKind(MeasureKind[Count]):
    """Measured in the shared volume batch; also a ratio's operand."""

    batch = VOLUMES
    shows_fraction = False
    additive = True
    sums_over_time = True

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Count, scope: Scope) -> Cells:
        return measurer.shared(VOLUMES, spec, scope)

    def default(self, measurer: Measurer, kpi: Kpi, spec: Count, key: Key, scope: Scope) -> Cell:
        return volume_default()

    def table_reads(self, spec: Count, path: Path_) -> Iterator[TableRead]:
        columns = [ColumnUse(spec.table, spec.time, (*path, "time"), "timestamp")]
        if spec.distinct is not None:
            columns.append(ColumnUse(spec.table, spec.distinct, (*path, "distinct"), "any"))
        yield TableRead(spec.table, path, tuple(columns), spec.filter)

    def formula(self, phrases: Phrases, spec: Count, kpi: Kpi, grain: str) -> Markup:
        noun = phrases.noun(spec.table)
        when = f"その{grain}に{phrases.event(spec.table, spec.time)}"
        condition = phrases.row_filter(spec.table, spec.filter)
        if spec.distinct:
            distinct = phrases.column(spec.table, spec.distinct)
            return Markup(f"({when}{noun}{condition}の「{distinct}」の種類数)")
        return Markup(f"({when}{noun}{condition}の数)")


COUNT = CountKind()
