"""TREE009 tree-arithmetic."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..model.issue import Issue
from ..model.kpi import Kpi
from ..model.project import Loaded, Project
from .base import Rule
from .cycles import show_number
from .lookup import all_kpis_loaded, children_by_parent, tree_target

TOLERANCE = 0.005  # targets are rounded by people; 0.5 % covers rounding, not a wrong decomposition


class TreeArithmetic(Rule):
    """Targets add up: for ``combine: product`` (or ``sum``, ``ratio``) the children's targets multiply
    (add, divide) to the parent's target within 0.5 %. Each KPI's tree target is its target with the
    latest deadline (the first listed on a tie), as on the site's tree.

    Bad (``sql_count`` = ``mql_count`` × ``mql_to_sql_rate``)::

        targets: [{value: 120, …}]   # sql_count; children 500 × 0.20 = 100

    Good::

        targets: [{value: 100, …}]
    """

    code = "TREE009"
    name = "tree-arithmetic"
    title_ja = "ツリーの目標の計算が合う"
    summary_ja = (
        "combine が product(sum、ratio)なら、子の目標を掛けた(足した、割った)値が親の目標と 0.5% 以"
        "内で一致すること。各 KPI の目標は期限が最も遅いもの(同じなら先に書いたもの)です。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if not all_kpis_loaded(project):
            return
        children = children_by_parent(project)
        for parent in project.kpis:
            combine = parent.spec.tree.combine
            kids = children.get(parent.spec.id, [])
            parent_target = tree_target(parent.spec)
            if combine not in ("product", "sum", "ratio") or not kids or parent_target is None:
                continue
            values = {kid.spec.id: _target_value(kid.spec) for kid in kids}
            known = {kpi_id: v for kpi_id, v in values.items() if v is not None}
            if len(known) != len(values):
                continue  # a child without a target: nothing to compare (KPI001 asks for one)
            found = _combine(combine, kids, known)
            if found is None:
                continue
            computed, formula = found
            expected = parent_target.value
            if _close(computed, expected):
                continue
            gap = abs(computed - expected) / abs(expected) * 100 if expected else math.inf
            yield self.issue(
                parent.at("targets", parent.spec.targets.index(parent_target), "value"),
                f"目標 {show_number(expected)} が子 KPI の目標から計算した値と合いません:"
                f" {formula} = {show_number(computed)}(差 {gap:.1f}%、許容 0.5%)"
                " — 親か子の目標を逆算し直してください",
                f"target {show_number(expected)} does not match the children's targets:"
                f" {formula} = {show_number(computed)} (off by {gap:.1f}%, tolerance 0.5%)"
                " — recompute the parent's or the children's targets",
            )


def _target_value(kpi: Kpi) -> float | None:
    target = tree_target(kpi)
    return None if target is None else target.value


def _combine(combine: str, kids: Sequence[Loaded[Kpi]], values: dict[str, float]) -> tuple[float, str] | None:
    if combine == "product":
        return math.prod(values.values()), " × ".join(f"{k} {show_number(v)}" for k, v in values.items())
    if combine == "sum":
        return math.fsum(values.values()), " + ".join(f"{k} {show_number(v)}" for k, v in values.items())
    roles = {kid.spec.tree.role: kid.spec.id for kid in kids}
    if len(kids) != 2 or set(roles) != {"numerator", "denominator"}:
        return None  # TREE010 reports the roles
    numerator, denominator = roles["numerator"], roles["denominator"]
    if values[denominator] == 0:
        return None
    top, bottom = values[numerator], values[denominator]
    return top / bottom, f"{numerator} {show_number(top)} ÷ {denominator} {show_number(bottom)}"


def _close(computed: float, expected: float) -> bool:
    if expected == 0:
        return computed == 0
    return abs(computed - expected) <= TOLERANCE * abs(expected)
