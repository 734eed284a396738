"""``measure: duration`` — a statistic of the time between two timestamps of a row, by the end's period."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import Duration
from ..model.kpi import Kpi
from .kind import ColumnUse, MeasureKind, Measurer, Phrases, TableRead, duration_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope

STATISTIC_LABELS = {"median": "中央値", "p90": "90パーセンタイル", "mean": "平均"}
DURATION_UNITS = {"days": "日", "hours": "時間", "business_hours": "営業時間"}


class DurationKind(MeasureKind[Duration]):
    """One query per KPI and scope; business hours on the calendar of the SLA it names."""

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Duration, scope: Scope) -> Cells:
        from ..engine.cohorts import measure_duration
        from ..engine.scope import table_columns

        table = table_columns(measurer.tables, spec.table)
        return measure_duration(measurer.fetch, spec, table, scope, measurer.hours)

    def default(self, measurer: Measurer, kpi: Kpi, spec: Duration, key: Key, scope: Scope) -> Cell:
        return duration_default()

    def table_reads(self, spec: Duration, path: Path_) -> Iterator[TableRead]:
        columns = (
            ColumnUse(spec.table, spec.start, (*path, "start"), "timestamp"),
            ColumnUse(spec.table, spec.end, (*path, "end"), "timestamp"),
        )
        yield TableRead(spec.table, path, columns, spec.filter)

    def sla_references(self, spec: Duration) -> Iterator[tuple[str, Path_]]:
        if spec.calendar is not None:
            yield spec.calendar, ("compute", "calendar")

    def formula(self, phrases: Phrases, spec: Duration, kpi: Kpi, grain: str) -> Markup:
        start = phrases.column(spec.table, spec.start)
        end = phrases.column(spec.table, spec.end)
        noun = phrases.noun(spec.table)
        condition = phrases.row_filter(spec.table, spec.filter)
        unit = DURATION_UNITS[spec.unit]
        calendar = f"({phrases.sla(spec.calendar)}の営業日カレンダー)" if spec.calendar else ""
        return Markup(
            f"その{grain}に{phrases.event(spec.table, spec.end)}{noun}{condition}について、"
            f"「{start}」から「{end}」までの{unit}{calendar}の{STATISTIC_LABELS[spec.statistic]}"
        )


DURATION = DurationKind()
