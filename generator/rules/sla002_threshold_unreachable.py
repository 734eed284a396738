"""SLA002 threshold-unreachable."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class ThresholdUnreachable(Rule):
    """The MQL score threshold can be reached: the positive points of all rules (× ``max_times``) add up
    to at least the threshold.

    Bad::

        scoring:
          rules: [{id: download, label: 資料DL, points: 20, activity: download, max_times: 2}]
          threshold: 100

    Good::

        scoring:
          rules: [{id: download, label: 資料DL, points: 20, activity: download, max_times: 5}]
          threshold: 100
    """

    code = "SLA002"
    name = "threshold-unreachable"
    title_ja = "MQL の閾値に届く"
    summary_ja = "MQL のスコア閾値に届くこと。すべてのルールのプラス点(× max_times)の合計が閾値以上です。"

    def check(self, project: Project) -> Iterable[Issue]:
        for sla in project.slas:
            scoring = sla.spec.scoring
            reachable = sum(rule.points * rule.max_times for rule in scoring.rules if rule.points > 0)
            if reachable < scoring.threshold:
                yield self.issue(
                    sla.at("scoring", "threshold"),
                    f"閾値 {scoring.threshold} 点に届きません(加点ルールの最大合計は {reachable} 点)"
                    " — 閾値を下げるか、ルールの points・max_times を見直してください",
                    f"threshold {scoring.threshold} cannot be reached"
                    f" (the positive rules add up to {reachable})"
                    " — lower the threshold or revise points and max_times",
                )
