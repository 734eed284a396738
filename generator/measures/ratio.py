"""``measure: ratio`` — numerator ÷ denominator of the same period; each a count, a sum or another KPI."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Any, assert_never

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import Count, KpiRef, Operand, Ratio, Sum
from ..model.kpi import Kpi
from .count import COUNT
from .kind import MeasureKind, Measurer, Phrases, TableRead, key_order, rate_default
from .sum import SUM

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class RatioKind(MeasureKind[Ratio]):
    """Its counts and sums come from the volume batch; a KPI operand is that KPI's own cells."""

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Ratio, scope: Scope) -> Cells:
        tops, top_default = _operand_cells(measurer, kpi, spec.numerator, scope)
        bottoms, bottom_default = _operand_cells(measurer, kpi, spec.denominator, scope)
        from ..engine.scope import Cell

        cells: Cells = {}
        for key in sorted(set(tops) | set(bottoms), key=key_order):
            top, bottom = tops.get(key) or top_default(key), bottoms.get(key) or bottom_default(key)
            value = None
            if top.value is not None and bottom.value:
                value = top.value / bottom.value * spec.scale
            cells[key] = Cell(value, top.value, bottom.value, bottom.support)
        return cells

    def default(self, measurer: Measurer, kpi: Kpi, spec: Ratio, key: Key, scope: Scope) -> Cell:
        return rate_default()

    def table_reads(self, spec: Ratio, path: Path_) -> Iterator[TableRead]:
        for side, operand in _sides(spec):
            if not isinstance(operand, KpiRef):
                yield from _volume_kind(operand).table_reads(operand, (*path, side))

    def kpi_references(self, spec: Ratio, kpi: Kpi) -> Iterator[tuple[str, Path_]]:
        for side, operand in _sides(spec):
            if isinstance(operand, KpiRef):
                yield operand.kpi, ("compute", side, "kpi")

    def parts(self, spec: Ratio) -> Iterator[Hashable]:
        return (operand for _side, operand in _sides(spec) if not isinstance(operand, KpiRef))

    def formula(self, phrases: Phrases, spec: Ratio, kpi: Kpi, grain: str) -> Markup:
        top = _operand_formula(phrases, spec.numerator, kpi, grain)
        text = f"{top} ÷ {_operand_formula(phrases, spec.denominator, kpi, grain)}"
        if spec.scale != 1:
            text += f" × {spec.scale:g}"
        return Markup(text)


def _sides(spec: Ratio) -> tuple[tuple[str, Operand], tuple[str, Operand]]:
    return ("numerator", spec.numerator), ("denominator", spec.denominator)


def _volume_kind(operand: Count | Sum) -> MeasureKind[Any]:
    match operand:
        case Count():
            return COUNT
        case Sum():
            return SUM
        case _:
            assert_never(operand)


def _operand_cells(
    measurer: Measurer, kpi: Kpi, operand: Operand, scope: Scope
) -> tuple[Cells, Callable[[Key], Cell]]:
    """The operand's cells and its value for a period without rows."""
    match operand:
        case KpiRef(kpi=other):
            return measurer.cells(other, scope), lambda key: measurer.default(other, key, scope)
        case Count() | Sum():
            kind = _volume_kind(operand)
            cells = kind.measure(measurer, kpi, operand, scope)
            return cells, lambda key: kind.default(measurer, kpi, operand, key, scope)
        case _:
            assert_never(operand)


def _operand_formula(phrases: Phrases, operand: Operand, kpi: Kpi, grain: str) -> Markup:
    match operand:
        case KpiRef(kpi=other):
            return phrases.kpi_name(other)
        case Count() | Sum():
            return _volume_kind(operand).formula(phrases, operand, kpi, grain)
        case _:
            assert_never(operand)


RATIO = RatioKind()
