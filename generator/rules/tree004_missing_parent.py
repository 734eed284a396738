"""TREE004 missing-parent."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class MissingParent(Rule):
    """Every KPI except the KGI has a ``tree.parent``; the KGI has none.

    Bad::

        tree: {level: kpi, ksf: nurture_quality}

    Good::

        tree: {level: kpi, parent: sql_count, ksf: nurture_quality}
    """

    code = "TREE004"
    name = "missing-parent"
    title_ja = "親の指定がある"
    summary_ja = "KGI 以外のすべての KPI に tree.parent があり、KGI にはないこと。"

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            place = kpi.spec.tree
            if place.level == "kgi" and place.parent is not None:
                yield self.issue(
                    kpi.at("tree", "parent"),
                    "KGI はツリーの頂点なので parent は書けません — parent を消してください",
                    "the KGI is the top of the tree and cannot have a parent — remove parent",
                )
            elif place.level != "kgi" and place.parent is None:
                yield self.issue(
                    kpi.at("tree"),
                    f"KPI「{kpi.spec.id}」にツリーの親(tree.parent)がありません"
                    " — どの KPI に貢献するかを parent に書いてください",
                    f"KPI '{kpi.spec.id}' has no tree parent — set tree.parent to the KPI it drives",
                )
