"""KPI002 threshold-direction."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class ThresholdDirection(Rule):
    """Status thresholds agree with the target's direction (``at_least``: on_track ≥ at_risk;
    ``at_most``: on_track ≤ at_risk), and all targets of a KPI point the same way.

    Bad (a cost: lower is better)::

        targets: [{value: 8000, deadline: 2027-03-31, direction: at_most, scope: 全チャネル}]
        thresholds: {on_track: 10000, at_risk: 8000}

    Good::

        thresholds: {on_track: 8000, at_risk: 10000}
    """

    code = "KPI002"
    name = "threshold-direction"
    title_ja = "判定基準の向きが目標と合う"
    summary_ja = (
        "状態の判定基準が目標の方向と合い(以上なら 順調 ≥ 要注意、以下なら 順調 ≤ 要注意)、同じ KPI"
        " の目標がすべて同じ向きであること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            spec = kpi.spec
            if not spec.targets:
                continue
            direction = spec.targets[0].direction
            for i, target in enumerate(spec.targets[1:], start=1):
                if target.direction != direction:
                    yield self.issue(
                        kpi.at("targets", i, "direction"),
                        f"目標の向き「{target.direction}」が最初の目標の「{direction}」と違います — "
                        "同じ KPI の目標はすべて同じ向きにしてください",
                        f"target direction '{target.direction}' differs from the first target's '{direction}'"
                        " — "
                        "all targets of one KPI must point the same way",
                    )
            thresholds = spec.thresholds
            if thresholds is None:
                continue
            on_track, at_risk = thresholds.on_track, thresholds.at_risk
            if direction == "at_least" and on_track < at_risk:
                yield self.issue(
                    kpi.at("thresholds", "on_track"),
                    "目標が「以上」(at_least)なのに"
                    f" on_track({on_track:g})が at_risk({at_risk:g})より小さくなっています"
                    " — 大きいほど良い指標なので on_track ≥ at_risk にしてください",
                    f"the target is at_least but on_track ({on_track:g}) is below at_risk ({at_risk:g})"
                    " — higher is better, so set on_track ≥ at_risk",
                )
            if direction == "at_most" and on_track > at_risk:
                yield self.issue(
                    kpi.at("thresholds", "on_track"),
                    "目標が「以下」(at_most)なのに"
                    f" on_track({on_track:g})が at_risk({at_risk:g})より大きくなっています"
                    " — 小さいほど良い指標なので on_track ≤ at_risk にしてください",
                    f"the target is at_most but on_track ({on_track:g}) is above at_risk ({at_risk:g})"
                    " — lower is better, so set on_track ≤ at_risk",
                )
