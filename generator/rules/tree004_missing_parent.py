"""TREE004 missing-parent."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class MissingParent(Rule):
    """Every KPI except the KGI hangs somewhere: under a ``tree.parent``, or, where no KPI fits as its
    parent, directly under its key success factor (``tree.ksf`` without ``parent``: ROI judges the
    acquisition investment; it does not drive the number of leads). The KGI has no parent.

    Bad::

        tree: {level: kpi, ksf: nurture_quality}

    Good::

        tree: {level: kpi, parent: sql_count, ksf: nurture_quality}
    """

    code = "TREE004"
    name = "missing-parent"
    title_ja = "親の指定がある"
    summary_ja = (
        "KGI 以外のすべての KPI に tree.parent(親にふさわしい KPI がなければ tree.ksf で KSF の直下)があり、"
        "KGI には parent がないこと。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            place = kpi.spec.tree
            if place.level == "kgi" and place.parent is not None:
                yield self.issue(
                    kpi.at("tree", "parent"),
                    "KGI はツリーの頂点なので parent は書けません — parent を消してください",
                    "the KGI is the top of the tree and cannot have a parent — remove parent",
                )
            elif place.level != "kgi" and place.parent is None and place.ksf is None:
                yield self.issue(
                    kpi.at("tree"),
                    f"KPI「{kpi.spec.id}」がツリーのどこにもつながっていません"
                    " — どの KPI に貢献するかを parent に書くか、親にふさわしい KPI がなければ"
                    " ksf に KSF の id を書いてください",
                    f"KPI '{kpi.spec.id}' hangs nowhere in the tree — set tree.parent to the KPI it drives,"
                    " or tree.ksf to its key success factor when no KPI fits as its parent",
                )
