"""``measure: derived`` — arithmetic over other KPIs of the same period and the KPI's own ``params``."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from markupsafe import Markup
from sqlglot import exp

from ..loading.safe_yaml import Path_
from ..model.compute import Derived
from ..model.expressions import Arithmetic, ExpressionError, evaluate, parse_arithmetic
from ..model.kpi import Kpi
from ..render.text import md_text
from .kind import MeasureKind, Measurer, Phrases, TableRead, key_order

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope

_SYMBOLS: dict[type[exp.Expr], str] = {exp.Add: "+", exp.Sub: "-", exp.Mul: "×", exp.Div: "÷"}


class DerivedKind(MeasureKind[Derived]):
    """Evaluated per period from the cells of the KPIs it names (no query of its own)."""

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Derived, scope: Scope) -> Cells:
        arithmetic = _arithmetic(spec.expression)
        names = _inputs(measurer, kpi, arithmetic)
        inputs = {name: measurer.cells(name, scope) for name in names}
        keys = set().union(*(set(cells) for cells in inputs.values())) if inputs else set()
        return {
            key: _cell(measurer, kpi, arithmetic, key, scope, inputs) for key in sorted(keys, key=key_order)
        }

    def default(self, measurer: Measurer, kpi: Kpi, spec: Derived, key: Key, scope: Scope) -> Cell:
        return _cell(measurer, kpi, _arithmetic(spec.expression), key, scope, {})

    def table_reads(self, spec: Derived, path: Path_) -> Iterator[TableRead]:
        return iter(())  # it reads other KPIs, not tables

    def kpi_references(self, spec: Derived, kpi: Kpi) -> Iterator[tuple[str, Path_]]:
        try:
            names = parse_arithmetic(spec.expression).names
        except ExpressionError:
            return  # FLT001 reports the expression
        for name in sorted(names - set(kpi.params)):
            yield name, ("compute", "expression")

    def formula(self, phrases: Phrases, spec: Derived, kpi: Kpi, grain: str) -> Markup:
        try:
            tree = parse_arithmetic(spec.expression).tree
        except ExpressionError:
            return md_text(spec.expression)
        return _spoken(phrases, tree, kpi)


def _cell(
    measurer: Measurer, kpi: Kpi, arithmetic: Arithmetic, key: Key, scope: Scope, inputs: Mapping[str, Cells]
) -> Cell:
    from ..engine.scope import Cell

    values: dict[str, float | None] = dict(kpi.params)
    supports: list[float] = []
    for name in _inputs(measurer, kpi, arithmetic):
        cell = inputs.get(name, {}).get(key) or measurer.default(name, key, scope)
        values[name] = cell.value
        if cell.support is not None:
            supports.append(cell.support)
    return Cell(evaluate(arithmetic, values), support=min(supports) if supports else None)


def _inputs(measurer: Measurer, kpi: Kpi, arithmetic: Arithmetic) -> list[str]:
    """KPI ids the expression uses (the other names must be the KPI's params)."""
    from ..engine.errors import MeasureError

    names = []
    for name in sorted(arithmetic.names):
        if name in kpi.params:
            continue
        if measurer.project.kpi(name) is None:
            raise MeasureError(
                f"式の {name} は KPI の id でも params でもありません",
                f"{name} is neither a KPI id nor a param",
            )
        names.append(name)
    return names


@functools.lru_cache(maxsize=256)
def _arithmetic(text: str) -> Arithmetic:
    from ..engine.errors import MeasureError

    try:
        return parse_arithmetic(text)
    except ExpressionError as error:
        raise MeasureError(error.message_ja, error.message_en) from None


def _spoken(phrases: Phrases, node: exp.Expr, kpi: Kpi) -> Markup:
    """The expression with each KPI id as a link to its page and each param as its value."""
    if isinstance(node, exp.Paren):
        return Markup(f"({_spoken(phrases, node.this, kpi)})")
    if isinstance(node, exp.Neg):
        return Markup(f"-{_spoken(phrases, node.this, kpi)}")
    if isinstance(node, exp.Literal):
        return md_text(node.this)
    if isinstance(node, exp.Column):
        if node.name in kpi.params:
            return md_text(f"{kpi.params[node.name]:g}")
        return phrases.kpi_name(node.name)
    if not isinstance(node, exp.Binary):
        return md_text(node.sql())
    symbol = _SYMBOLS.get(type(node), "?")
    return Markup(f"{_spoken(phrases, node.left, kpi)} {symbol} {_spoken(phrases, node.right, kpi)}")


DERIVED = DerivedKind()
