"""KPI003 missing-data-checks."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class MissingDataChecks(Rule):
    """Every KPI declares data checks on its series — CI fails on a KPI nobody checks.

    Bad::

        checks: []

    Good::

        checks:
          - {check: between, min: 0, max: 1}
          - {check: no_missing_periods}
          - {check: latest_period_present}
    """

    code = "KPI003"
    name = "missing-data-checks"
    title_ja = "データチェックがある"
    summary_ja = (
        "すべての KPI が計測値のデータチェックを宣言していること。誰も確かめていない KPI があれば C"
        "I が失敗します。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            if not kpi.spec.checks:
                yield self.issue(
                    kpi.at("checks"),
                    f"KPI「{kpi.spec.id}」にデータチェック(checks)がありません — "
                    "checks に少なくとも1つ追加してください(例: {check: latest_period_present}、"
                    "率なら {check: between, min: 0, max: 1})",
                    f"KPI '{kpi.spec.id}' has no data checks — add at least one under checks "
                    "(e.g. {check: latest_period_present}; for a rate {check: between, min: 0, max: 1})",
                )
