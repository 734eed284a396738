"""Cells → what the site sees: a Point per period (none missing), suppressed segment values."""

from __future__ import annotations

import datetime as dt
import math

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.measurement import KpiMeasurement, Point, SegmentValue
from ..model.periods import history_periods, series_periods
from .errors import MeasureError
from .evaluate import Evaluator
from .scope import Cell, Scope, segment_scope, series_scope
from .suppression import Tally, hidden_keys, share_pairs


def measure_kpi(evaluator: Evaluator, kpi: Kpi, as_of: dt.date, k_anonymity: int) -> KpiMeasurement:
    """The KPI's series over its grain and its segments over the latest full quarter."""
    try:
        history, series = series_points(evaluator, kpi, as_of)
        series, history = _finite(series), _finite(history)
    except MeasureError as error:
        return KpiMeasurement(kpi.id, kpi.grain, (), error=error.text())
    segments: list[SegmentValue] = []
    for dimension in kpi.segments:
        try:
            segments.extend(segment_values(evaluator, kpi, dimension, as_of, k_anonymity))
        except MeasureError as error:
            return KpiMeasurement(
                kpi.id, kpi.grain, series, error=f"{dimension}: {error.text()}", history=history
            )
    return KpiMeasurement(kpi.id, kpi.grain, series, tuple(segments), history=history)


def series_points(
    evaluator: Evaluator, kpi: Kpi, as_of: dt.date
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """The year before the window (from its first period with rows) and one point per period of the
    window, oldest first; periods without rows get the default."""
    scope = series_scope(kpi.grain, as_of)
    cells = evaluator.cells(kpi.id, scope)
    history: list[Point] = []
    for period in history_periods(kpi.grain, as_of):
        key = (period.start, None)
        cell = cells.get(key)
        if cell is None and not history:  # before the data starts: no year-ago value, not a zero
            continue
        history.append(_point(period.label, period.start, cell or evaluator.default(kpi.id, key, scope), kpi))
    points = []
    for period in series_periods(kpi.grain, as_of):
        key = (period.start, None)
        cell = cells.get(key) or evaluator.default(kpi.id, key, scope)
        points.append(_point(period.label, period.start, cell, kpi))
    return tuple(history), tuple(points)


def segment_values(
    evaluator: Evaluator, kpi: Kpi, dimension: str, as_of: dt.date, k_anonymity: int
) -> list[SegmentValue]:
    """Each segment's value over the latest full quarter; under ``k_anonymity`` leads or rows, or
    needed to keep such a segment from being derived (``suppression.hidden_keys``): suppressed."""
    scope = segment_scope(dimension, as_of)
    cells = {
        segment: cell for (_, segment), cell in evaluator.cells(kpi.id, scope).items() if segment is not None
    }
    tallies = [_tally(segment, cell, kpi) for segment, cell in cells.items()]
    shares = () if kind_of(kpi.compute).additive else share_pairs(tallies, 0, 1)
    hidden = hidden_keys(tallies, k_anonymity, shares)
    return [
        _segment_value(dimension, segment, cells[segment], kpi, segment in hidden)
        for segment in sorted(cells)
    ]


def trailing_year_value(evaluator: Evaluator, kpi_id: str, scope: Scope) -> float | None:
    """The KPI over the twelve months ending at as-of (None when it cannot be measured)."""
    try:
        cells = evaluator.cells(kpi_id, scope)
    except MeasureError:
        return None
    key = (scope.start.date(), None)
    value = (cells.get(key) or evaluator.default(kpi_id, key, scope)).value
    return value if value is None or math.isfinite(value) else None


def _finite(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """The series, unless a period came out NaN or infinite: then no value is better than a wrong one.

    A NaN or infinite amount in the data (which the ``finite`` table check counts) turns a sum, and
    every ratio over it, non-finite; the site must say so, not draw it or judge it.
    """
    for point in points:
        numbers = (point.value, point.numerator, point.denominator)
        if any(n is not None and not math.isfinite(n) for n in numbers):
            raise MeasureError(
                f"{point.period} の値が有限の数になりません(NaN・∞)— 集計する列に NaN や ∞ がないか"
                " `kpi check --data` の finite チェックで確認してください",
                f"the value for {point.period} is not a finite number (NaN or infinity) — see the finite"
                " check of `kpi check --data` for NaN or infinite values in the summed column",
            )
    return points


def _point(label: str, start: dt.date, cell: Cell, kpi: Kpi) -> Point:
    if kind_of(kpi.compute).shows_fraction:
        return Point(label, start, cell.value, cell.numerator, cell.denominator)
    return Point(label, start, cell.value)


def _tally(segment: str, cell: Cell, kpi: Kpi) -> Tally:
    """What a reader could add up for the cell: a count or sum, or a rate's numerator and denominator."""
    support = cell.support if cell.support is not None else cell.denominator
    if kind_of(kpi.compute).additive:
        return Tally(segment, support, (cell.value or 0.0,))
    # A duration has no numerator: its count alone adds up.
    return Tally(segment, support, tuple(q for q in (cell.numerator, cell.denominator) if q is not None))


def _segment_value(dimension: str, segment: str, cell: Cell, kpi: Kpi, suppressed: bool) -> SegmentValue:
    if suppressed:
        return SegmentValue(dimension, segment, None, None, suppressed=True)
    denominator = cell.denominator if kind_of(kpi.compute).shows_fraction else None
    return SegmentValue(dimension, segment, cell.value, denominator)
