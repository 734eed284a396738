"""Cells → what the site sees: a Point per period (none missing), suppressed segment values."""

from __future__ import annotations

import datetime as dt

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.measurement import KpiMeasurement, Point, SegmentValue
from .errors import MeasureError
from .evaluate import Evaluator
from .periods import series_periods
from .scope import Cell, Scope, segment_scope, series_scope


def measure_kpi(evaluator: Evaluator, kpi: Kpi, as_of: dt.date, k_anonymity: int) -> KpiMeasurement:
    """The KPI's series over its grain and its segments over the latest full quarter."""
    try:
        series = series_points(evaluator, kpi, as_of)
    except MeasureError as error:
        return KpiMeasurement(kpi.id, kpi.grain, (), error=error.text())
    segments: list[SegmentValue] = []
    for dimension in kpi.segments:
        try:
            segments.extend(segment_values(evaluator, kpi, dimension, as_of, k_anonymity))
        except MeasureError as error:
            return KpiMeasurement(kpi.id, kpi.grain, series, error=f"{dimension}: {error.text()}")
    return KpiMeasurement(kpi.id, kpi.grain, series, tuple(segments))


def series_points(evaluator: Evaluator, kpi: Kpi, as_of: dt.date) -> tuple[Point, ...]:
    """One point per period of the series, oldest first; periods without rows get the default."""
    scope = series_scope(kpi.grain, as_of)
    cells = evaluator.cells(kpi.id, scope)
    points = []
    for period in series_periods(kpi.grain, as_of):
        key = (period.start, None)
        cell = cells.get(key) or evaluator.default(kpi.id, key, scope)
        points.append(_point(period.label, period.start, cell, kpi))
    return tuple(points)


def segment_values(
    evaluator: Evaluator, kpi: Kpi, dimension: str, as_of: dt.date, k_anonymity: int
) -> list[SegmentValue]:
    """Each segment's value over the latest full quarter; under ``k_anonymity`` leads or rows: suppressed."""
    scope = segment_scope(dimension, as_of)
    cells = evaluator.cells(kpi.id, scope)
    values = []
    for (_, segment), cell in sorted(cells.items(), key=lambda item: item[0][1] or ""):
        if segment is None:
            continue
        values.append(_segment_value(dimension, segment, cell, kpi, k_anonymity))
    return values


def trailing_year_value(evaluator: Evaluator, kpi_id: str, scope: Scope) -> float | None:
    """The KPI over the twelve months ending at as-of (None when it cannot be measured)."""
    try:
        cells = evaluator.cells(kpi_id, scope)
    except MeasureError:
        return None
    key = (scope.start.date(), None)
    return (cells.get(key) or evaluator.default(kpi_id, key, scope)).value


def _point(label: str, start: dt.date, cell: Cell, kpi: Kpi) -> Point:
    if kind_of(kpi.compute).shows_fraction:
        return Point(label, start, cell.value, cell.numerator, cell.denominator)
    return Point(label, start, cell.value)


def _segment_value(dimension: str, segment: str, cell: Cell, kpi: Kpi, k_anonymity: int) -> SegmentValue:
    support = cell.support if cell.support is not None else cell.denominator
    if support is None or support < k_anonymity:
        return SegmentValue(dimension, segment, None, None, suppressed=True)
    denominator = cell.denominator if kind_of(kpi.compute).shows_fraction else None
    return SegmentValue(dimension, segment, cell.value, denominator)
