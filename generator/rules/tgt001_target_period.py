"""TGT001 target-period."""

from __future__ import annotations

from collections.abc import Iterable

from ..measures.registry import sums_over_time
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class TargetPeriod(Rule):
    """A count's or an amount's target says which span its value is a total for (``period``), so the
    site compares a month with the month's share and the fiscal year to date with the pace. A cumulative
    target names its ``start`` before its deadline; seasonality weights belong to a fiscal-year target.

    Bad (100 deals a year, or a month?)::

        targets: [{value: 100, deadline: 2027-03-31, direction: at_least, scope: 新規受注}]

    Good::

        targets:
          - {value: 100, deadline: 2027-03-31, direction: at_least, period: fiscal_year, scope: 新規受注}
    """

    code = "TGT001"
    name = "target-period"
    title_ja = "目標の期間を書く"
    summary_ja = (
        "件数・金額の目標は、どの期間の合計かを period で示すこと。月の値は月の按分と、年度累計はペ"
        "ースと比べられます。累計の目標は期限より前の start を、季節性の重みは年度の目標にだけ書き"
        "ます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            spec = kpi.spec
            for index, target in enumerate(spec.targets):
                if target.period is None and sums_over_time(spec):
                    yield self.issue(
                        kpi.at("targets", index),
                        f"KPI「{spec.id}」の目標 {target.value:g} が何の期間の合計かわかりません — "
                        "period: fiscal_year(年度合計)・quarter・month・week・"
                        "cumulative(start から期限までの累計)のどれかを書いてください",
                        f"KPI '{spec.id}' target {target.value:g} does not say what span it totals — "
                        "add period: fiscal_year, quarter, month, week"
                        " or cumulative (from start to the deadline)",
                    )
                unstarted = target.start is None or target.start >= target.deadline
                if target.period == "cumulative" and unstarted:
                    yield self.issue(
                        kpi.at("targets", index, "start" if target.start else "period"),
                        "累計の目標(period: cumulative)には、期限より前の開始日 start が必要です",
                        "a cumulative target needs a start date before its deadline",
                    )
                if target.start is not None and target.period != "cumulative":
                    yield self.issue(
                        kpi.at("targets", index, "start"),
                        "start は累計の目標(period: cumulative)にだけ書けます — period を cumulative にするか"
                        " start を消してください",
                        "start is only for a cumulative target — set period: cumulative or remove start",
                    )
                if target.seasonality is not None and target.period != "fiscal_year":
                    yield self.issue(
                        kpi.at("targets", index, "seasonality"),
                        "seasonality(月ごとの重み)は年度の目標(period: fiscal_year)にだけ書けます",
                        "seasonality (monthly weights) is only for a fiscal-year target"
                        " (period: fiscal_year)",
                    )
