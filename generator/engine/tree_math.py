"""The KPI tree both ways: required values from the KGI target down (逆算), the KGI forecast from actuals up.

Edges live in each KPI's ``tree``: a child names its ``parent``; the parent's ``combine`` says how its
children make it up. Pure functions of the project and a mapping of actual values; no data access.

Semantics (stated for the reader of the site):

- A node's *target* is its target with the latest deadline (the plan the tree is built for).
- ``product`` (and ``ratio``, where the child with ``role: denominator`` divides): the parent's
  required value is solved for its one *volume* child (kind ``volume``); the other children are
  assumptions taken at their targets (their required value is their target). Several volume children,
  none, or an assumption without a target: the children get no required value.
- ``sum``: the remainder goes to the only child without a target; others keep their targets.
- ``contributes``: children support the parent without arithmetic; no required value flows down.
- Counts (unit ``count``) round **up** (a 0.83 deal is not a deal): the rounded value is what flows further
  down, and the rounding is stated, e.g. 「20.83 → 21 件に切り上げ」.
- Forecast: a leaf's (and a ``contributes`` parent's) forecast is its own actual; a ``product`` / ``ratio``
  / ``sum`` parent's is its children's forecasts combined the same way, unknown (None) when one is unknown.
  Forecasts are not rounded: they are expectations, not plans.
  Actuals must cover the same horizon as the targets (the caller decides: e.g. the fiscal year to date).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..model.kpi import Kpi, Target
from ..model.measurement import TreeNodeValue
from ..model.project import Project

# Float noise such as 100.00000000000001 must not round a count up to 101.
_ROUNDING_DIGITS = 9


@dataclass(frozen=True)
class Node:
    """One KPI in the tree: its children with their exponent (+1 multiplies, −1 divides)."""

    kpi: Kpi
    children: tuple[tuple[str, int], ...]

    @property
    def combine(self) -> str | None:
        return self.kpi.tree.combine

    @property
    def target(self) -> float | None:
        chosen = tree_target(self.kpi.targets)
        return chosen.value if chosen else None

    @property
    def is_count(self) -> bool:
        return self.kpi.unit == "count"

    @property
    def is_volume(self) -> bool:
        return self.kpi.kind == "volume"


@dataclass(frozen=True)
class Required:
    value: float | None
    rounding: str | None = None


def tree_target(targets: list[Target]) -> Target | None:
    """The target with the latest deadline; the first listed wins a tie."""
    if not targets:
        return None
    latest = max(target.deadline for target in targets)
    return next(target for target in targets if target.deadline == latest)


def build_nodes(project: Project) -> dict[str, Node]:
    """Every KPI as a node with its children (sorted by id, so the output is deterministic)."""
    children: dict[str, list[tuple[str, int]]] = {}
    for loaded in project.kpis:
        place = loaded.spec.tree
        if place.parent is not None:
            exponent = -1 if place.role == "denominator" else 1
            children.setdefault(place.parent, []).append((loaded.spec.id, exponent))
    return {
        loaded.spec.id: Node(loaded.spec, tuple(sorted(children.get(loaded.spec.id, []))))
        for loaded in project.kpis
    }


def kgi_id(project: Project, nodes: Mapping[str, Node]) -> str | None:
    """The KGI named by ``definitions/tree.yml``, else the KPI whose tree level is ``kgi``."""
    if project.tree is not None and project.tree.spec.kgi in nodes:
        return project.tree.spec.kgi
    return next((kpi_id for kpi_id, node in sorted(nodes.items()) if node.kpi.tree.level == "kgi"), None)


def round_up_count(value: float, unit_label: str = "件") -> Required:
    """Counts round up; the rounding is stated unless the value was already whole."""
    cleaned = round(value, _ROUNDING_DIGITS)
    rounded = float(math.ceil(cleaned))
    if rounded == cleaned:
        return Required(rounded)
    return Required(rounded, f"{_plain(value)} → {_plain(rounded)} {unit_label}に切り上げ")


def required_values(nodes: Mapping[str, Node], root: str) -> dict[str, Required]:
    """Top-down (逆算): the KGI's target, then each level's required values (see the module docstring)."""
    result: dict[str, Required] = {}
    start = nodes[root].target
    result[root] = Required(start)
    stack = [root]
    seen: set[str] = set()
    while stack:
        parent_id = stack.pop()
        if parent_id in seen:
            continue  # a cycle is reported by the rules; here it only must not loop
        seen.add(parent_id)
        parent = nodes[parent_id]
        parent_value = result[parent_id].value if parent_id in result else None
        for child_id, required in _split(parent, parent_value, nodes).items():
            result[child_id] = required
        stack.extend(child_id for child_id, _ in reversed(parent.children) if child_id in nodes)
    return result


def forecast_values(
    nodes: Mapping[str, Node], root: str, actuals: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Bottom-up: leaves' actuals combined through product / ratio / sum up to the KGI."""
    result: dict[str, float | None] = {}

    def forecast(kpi_id: str, path: frozenset[str]) -> float | None:
        if kpi_id in result:
            return result[kpi_id]
        node = nodes[kpi_id]
        arithmetic = [(c, e) for c, e in node.children if c in nodes and c not in path]
        if node.combine in (None, "contributes") or not arithmetic:
            value = actuals.get(kpi_id)
            for child_id, _ in arithmetic:
                forecast(child_id, path | {kpi_id})
        else:
            parts = [(forecast(child_id, path | {kpi_id}), exponent) for child_id, exponent in arithmetic]
            value = _combine(node.combine, parts)
        result[kpi_id] = value
        return value

    forecast(root, frozenset())
    return result


def tree_values(project: Project, actuals: Mapping[str, float | None]) -> tuple[TreeNodeValue, ...]:
    """Every KPI's target, required value, actual and forecast: the tree from the KGI first, then the rest."""
    nodes = build_nodes(project)
    root = kgi_id(project, nodes)
    required = required_values(nodes, root) if root else {}
    forecasts = forecast_values(nodes, root, actuals) if root else {}
    ordered = _walk(nodes, root) if root else []
    ordered += sorted(set(nodes) - set(ordered))
    return tuple(
        TreeNodeValue(
            kpi_id=kpi_id,
            target=nodes[kpi_id].target,
            required=required[kpi_id].value if kpi_id in required else None,
            actual=actuals.get(kpi_id),
            forecast=forecasts.get(kpi_id, actuals.get(kpi_id)),
            rounding=required[kpi_id].rounding if kpi_id in required else None,
        )
        for kpi_id in ordered
    )


def _split(parent: Node, value: float | None, nodes: Mapping[str, Node]) -> dict[str, Required]:
    children = [(nodes[c], e) for c, e in parent.children if c in nodes]
    if value is None or not children or parent.combine in (None, "contributes"):
        return {}
    if parent.combine == "sum":
        return _split_sum(value, children)
    return _split_product(value, children)


def _split_product(value: float, children: list[tuple[Node, int]]) -> dict[str, Required]:
    volumes = [(node, e) for node, e in children if node.is_volume]
    assumptions = [(node, e) for node, e in children if not node.is_volume]
    result = {node.kpi.id: Required(node.target) for node, _ in assumptions}
    if len(volumes) != 1 or any(node.target is None for node, _ in assumptions):
        return result | {node.kpi.id: Required(None) for node, _ in volumes}
    solved_for, exponent = volumes[0]
    others = _combine("product", [(node.target, e) for node, e in assumptions])
    if others is None or others == 0:
        return result | {solved_for.kpi.id: Required(None)}
    # parent = volume^e × others  →  volume = (parent / others)^e, with e = ±1
    raw = (value / others) ** exponent
    return result | {solved_for.kpi.id: _rounded(solved_for, raw)}


def _split_sum(value: float, children: list[tuple[Node, int]]) -> dict[str, Required]:
    open_children = [node for node, _ in children if node.target is None]
    result = {node.kpi.id: Required(node.target) for node, _ in children if node.target is not None}
    if len(open_children) != 1:
        return result | {node.kpi.id: Required(None) for node in open_children}
    rest = sum(node.target or 0.0 for node, _ in children if node.target is not None)
    return result | {open_children[0].kpi.id: _rounded(open_children[0], value - rest)}


def _rounded(node: Node, value: float) -> Required:
    return round_up_count(value) if node.is_count else Required(value)


def _combine(combine: str | None, parts: list[tuple[float | None, int]]) -> float | None:
    if any(value is None for value, _ in parts):
        return None
    values = [(float(value), exponent) for value, exponent in parts if value is not None]
    if combine == "sum":
        return sum(value for value, _ in values)
    result = 1.0
    for value, exponent in values:
        if exponent < 0 and value == 0:
            return None
        result = result * value if exponent > 0 else result / value
    return result


def _walk(nodes: Mapping[str, Node], root: str) -> list[str]:
    ordered: list[str] = []
    stack = [root]
    while stack:
        kpi_id = stack.pop()
        if kpi_id in ordered or kpi_id not in nodes:
            continue
        ordered.append(kpi_id)
        stack.extend(child_id for child_id, _ in reversed(nodes[kpi_id].children))
    return ordered


def _plain(value: float) -> str:
    """20.833… → "20.83"; 20.0 → "20"."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
