"""TREE001 unknown-parent."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, kpi_index, kpi_missing


class UnknownParent(Rule):
    """A KPI's ``tree.parent`` is the id of another KPI.

    Bad::

        tree: {level: kpi, parent: sql_counts, ksf: nurture_quality}

    Good::

        tree: {level: kpi, parent: sql_count, ksf: nurture_quality}
    """

    code = "TREE001"
    name = "unknown-parent"
    title_ja = "ツリーの親が実在する"
    summary_ja = "KPI の tree.parent が別の KPI の id であること。"

    def check(self, project: Project) -> Iterable[Issue]:
        known = kpi_index(project)
        for kpi in project.kpis:
            parent = kpi.spec.tree.parent
            if parent is not None and kpi_missing(project, parent):
                hint_ja, hint_en = did_you_mean(parent, known)
                yield self.issue(
                    kpi.at("tree", "parent"),
                    f"親 KPI「{parent}」が metrics/ にありません{hint_ja}"
                    " — 既存の KPI の id を書いてください",
                    f"parent KPI '{parent}' is not in metrics/{hint_en} — name an existing KPI id",
                )
