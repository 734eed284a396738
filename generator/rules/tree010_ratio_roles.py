"""TREE010 ratio-roles."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import all_kpis_loaded, children_by_parent


class RatioRoles(Rule):
    """Under a ``combine: ratio`` parent exactly one child is the ``numerator`` and one the
    ``denominator``; ``role`` is only used under a ratio parent.

    Bad (children of ``cpl``, combine: ratio)::

        tree: {level: kpi, parent: cpl}              # costs: role missing

    Good::

        tree: {level: kpi, parent: cpl, role: numerator}     # costs
        tree: {level: kpi, parent: cpl, role: denominator}   # new leads
    """

    code = "TREE010"
    name = "ratio-roles"
    title_ja = "比率の分子と分母"
    summary_ja = (
        "combine: ratio の親の下では、子のちょうど一つが分子(numerator)、一つが分母(denominator)で"
        "あること。role は ratio の親の下でだけ使います。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        children = children_by_parent(project)
        complete = all_kpis_loaded(project)
        for kpi in project.kpis:
            place = kpi.spec.tree
            parent = project.kpi(place.parent) if place.parent else None
            if place.role is not None and parent is not None and parent.spec.tree.combine != "ratio":
                yield self.issue(
                    kpi.at("tree", "role"),
                    f"親「{parent.spec.id}」は combine: ratio ではないので role は使えません"
                    " — role を消すか、親の combine を ratio にしてください",
                    f"parent '{parent.spec.id}' is not combine: ratio, so role does not apply"
                    " — remove role or make the parent combine: ratio",
                )
            if place.combine != "ratio" or not complete:
                continue
            kids = children.get(kpi.spec.id, [])
            roles = sorted(str(k.spec.tree.role) for k in kids)
            if roles != ["denominator", "numerator"]:
                shown = ", ".join(f"{k.spec.id}: {k.spec.tree.role or '-'}" for k in kids) or "-"
                yield self.issue(
                    kpi.at("tree", "combine"),
                    f"combine: ratio の子は分子(role: numerator)と分母(role: denominator)が1つずつ必要です"
                    f"(今: {shown})— 子 KPI の tree.role を直してください",
                    "combine: ratio needs exactly one child with role: numerator"
                    f" and one with role: denominator (now: {shown}) — fix the children's tree.role",
                )
