"""Target rationales written by the tree itself: 「SQL数 500件 × SQL→受注率 20.0% = 受注数 100件」.

For each parent whose children combine by ``product``, ``sum`` or ``ratio`` the line multiplies (adds,
divides) the children's targets, in their own units, to the parent's. Targets are the tree's (the latest
deadline, as TREE009 and the tree page use them), so the line states exactly the arithmetic the rule checks.
A line is written only when every child has a target; a result off the parent's target says so.
"""

from __future__ import annotations

from ..engine.tree_math import Node, build_nodes
from ..model.project import Project
from ..rules.tree009_tree_arithmetic import TOLERANCE
from .money_text import written_value

ARITHMETIC = ("product", "sum", "ratio")


def target_equations(project: Project, kpi_id: str) -> list[str]:
    """The lines a KPI's target takes part in: its own decomposition first, then its parent's."""
    nodes = build_nodes(project)
    node = nodes.get(kpi_id)
    if node is None:
        return []
    lines = [equation(nodes, kpi_id)]
    parent = node.kpi.tree.parent
    if parent is not None and parent in nodes:
        lines.append(equation(nodes, parent))
    return [line for line in lines if line is not None]


def equation(nodes: dict[str, Node], parent_id: str) -> str | None:
    """``a × b = parent`` (``a + b``, ``a ÷ b``) from the targets, or None when it cannot be written."""
    parent = nodes[parent_id]
    children = [(nodes[c], e) for c, e in parent.children if c in nodes]
    if parent.combine not in ARITHMETIC or not children or any(n.target is None for n, _ in children):
        return None
    # Volumes first, so the line reads as the plan does: 受注数 × 平均受注単価, not the other way round.
    ordered = sorted(children, key=lambda item: (item[1] < 0, not item[0].is_volume, item[0].kpi.id))
    result = _combine(parent.combine, ordered)
    if result is None:
        return None
    terms = _terms(parent.combine, ordered)
    line = f"{terms} = {parent.kpi.name} {written_value(parent.kpi, result)}"
    target = parent.target
    if target is not None and not _close(result, target):
        line += f"(目標 {written_value(parent.kpi, target)} と合いません)"
    return line


def _terms(combine: str | None, children: list[tuple[Node, int]]) -> str:
    text = ""
    for position, (node, exponent) in enumerate(children):
        term = f"{node.kpi.name} {written_value(node.kpi, node.target)}"
        if position == 0:
            text = term
        elif combine == "sum":
            text += f" + {term}"
        else:
            text += f" {'÷' if exponent < 0 else '×'} {term}"
    return text


def _combine(combine: str | None, children: list[tuple[Node, int]]) -> float | None:
    values = [(float(node.target or 0.0), exponent) for node, exponent in children]
    if combine == "sum":
        return sum(value for value, _ in values)
    if combine == "ratio" and sorted(e for _, e in values) != [-1, 1]:
        return None  # a ratio needs one numerator and one denominator (TREE010)
    result = 1.0
    for value, exponent in values:
        if exponent < 0:
            if value == 0:
                return None
            result /= value
        else:
            result *= value
    return result


def _close(computed: float, expected: float) -> bool:
    if expected == 0:
        return computed == 0
    return abs(computed - expected) <= TOLERANCE * abs(expected)
