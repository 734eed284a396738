"""REF004 unknown-kpi-reference."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, kpi_index, kpi_missing
from .uses import kpi_references


class UnknownKpiReference(Rule):
    """A KPI computed from other KPIs names existing ones: ratio operands ``{kpi: …}`` and every name in a
    derived expression is a KPI id or one of the KPI's own ``params``.

    Bad (there is no KPI ``deal_count``)::

        compute: {measure: derived, expression: marketing_sourced_revenue / deal_count}

    Good::

        compute: {measure: derived, expression: marketing_sourced_revenue / deals_won}
    """

    code = "REF004"
    name = "unknown-kpi-reference"
    title_ja = "参照する KPI が実在する"
    summary_ja = (
        "他の KPI から計算する KPI は、実在する KPI を指していること(比率の分子・分母、派生式の名前"
        "は KPI の id か自身の params)。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        known = kpi_index(project)
        for kpi in project.kpis:
            for name, path in kpi_references(kpi.spec):
                if not kpi_missing(project, name):
                    continue
                hint_ja, hint_en = did_you_mean(name, [*known, *kpi.spec.params])
                if path[-1] == "expression":  # a name in a derived expression, which params may also fill
                    ja = (
                        f"計算式の名前「{name}」は KPI の id でも params でもありません{hint_ja}"
                        " — 既存の KPI の id を書くか、params に値を定義してください"
                    )
                    en = (
                        f"name '{name}' in the expression is neither a KPI id nor a param{hint_en}"
                        " — use an existing KPI id or define it under params"
                    )
                else:
                    ja = f"KPI「{name}」が metrics/ にありません{hint_ja} — 既存の KPI の id を書いてください"
                    en = f"KPI '{name}' is not in metrics/{hint_en} — name an existing KPI id"
                yield self.issue(kpi.at(*path), ja, en)
