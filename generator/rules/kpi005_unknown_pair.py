"""KPI005 unknown-pair."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, kpi_index, kpi_missing


class UnknownPair(Rule):
    """A volume KPI's ``pair`` names another existing KPI (the quality KPI watched alongside it).

    Bad::

        id: mql_count
        pair: mql_sql_rate

    Good::

        id: mql_count
        pair: mql_to_sql_rate
    """

    code = "KPI005"
    name = "unknown-pair"
    title_ja = "ペアの KPI が実在する"
    summary_ja = "件数の KPI の pair が、実在する別の KPI(一緒に見る質の KPI)を指していること。"

    def check(self, project: Project) -> Iterable[Issue]:
        known = kpi_index(project)
        for kpi in project.kpis:
            pair = kpi.spec.pair
            if pair is None:
                continue
            if pair == kpi.spec.id:
                yield self.issue(
                    kpi.at("pair"),
                    f"pair に自分自身「{pair}」は指定できません"
                    " — 対になる質の KPI(転換率など)の id を書いてください",
                    f"pair cannot name the KPI itself ('{pair}')"
                    " — name the quality KPI (e.g. a conversion rate)",
                )
            elif kpi_missing(project, pair):
                hint_ja, hint_en = did_you_mean(pair, known)
                yield self.issue(
                    kpi.at("pair"),
                    f"pair の KPI「{pair}」が metrics/ にありません{hint_ja}"
                    " — 既存の KPI の id を書いてください",
                    f"pair KPI '{pair}' is not in metrics/{hint_en} — name an existing KPI id",
                )
