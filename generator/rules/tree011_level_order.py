"""TREE011 level-order."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule

_RANK = {"activity": 0, "kpi": 1, "kgi": 2}


class LevelOrder(Rule):
    """Levels go down the tree: KGI → KPI → activity metric; a KPI never hangs below an activity metric.

    Bad (``mql_count`` under the activity metric ``email_click_rate``)::

        tree: {level: kpi, parent: email_click_rate}

    Good::

        tree: {level: kpi, parent: sql_count}
    """

    code = "TREE011"
    name = "level-order"
    title_ja = "階層の順序"
    summary_ja = (
        "階層はツリーを下るほど KGI → KPI → 施策指標の順になること。KPI が施策指標の下にぶら下がる"
        "ことはありません。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            place = kpi.spec.tree
            parent = project.kpi(place.parent) if place.parent else None
            if parent is None:
                continue
            upper = parent.spec.tree.level
            if _RANK[place.level] > _RANK[upper]:
                yield self.issue(
                    kpi.at("tree", "level"),
                    f"level「{place.level}」の KPI が level「{upper}」の「{parent.spec.id}」の下にあります"
                    " — 親は同じか上の階層(KGI → KPI → 施策指標)にしてください",
                    f"a level '{place.level}' KPI sits below '{parent.spec.id}' of level '{upper}'"
                    " — the parent must be at the same or a higher level (KGI → KPI → activity)",
                )
