"""KPI001 target-required."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class TargetRequired(Rule):
    """The KGI and every level-``kpi`` KPI have at least one SMART target (value, deadline, direction,
    scope); an activity metric without a target is a warning.

    Bad::

        tree: {level: kpi, parent: sql_count}
        targets: []

    Good::

        targets:
          - {value: 500, deadline: 2027-03-31, direction: at_least, scope: 2026年度の全チャネル}
    """

    code = "KPI001"
    name = "target-required"
    title_ja = "目標が設定されている"
    summary_ja = (
        "KGI と KPI 階層の指標には SMART な目標(値・期限・方向・対象)が一つ以上あること。施策指標の"
        "目標なしは警告です。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            spec = kpi.spec
            if spec.targets:
                continue
            ja = (
                f"KPI「{spec.id}」に目標(targets)がありません — "
                "value・deadline・direction・scope を持つ目標を1つ以上書いてください(SMART)"
            )
            en = (
                f"KPI '{spec.id}' has no target — "
                "add at least one target with value, deadline, direction and scope (SMART)"
            )
            if spec.tree.level == "activity":
                yield self.warning(kpi.at("targets"), ja, en)
            else:
                yield self.issue(kpi.at("targets"), ja, en)
