"""GLO001 unknown-related-kpi."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, kpi_index, kpi_missing


class UnknownRelatedKpi(Rule):
    """A glossary term's ``related_kpis`` are ids of KPIs in ``metrics/``.

    Bad::

        - id: mql
          term: MQL
          related_kpis: [mql_counts]

    Good::

          related_kpis: [mql_count]
    """

    code = "GLO001"
    name = "unknown-related-kpi"
    title_ja = "用語の関連 KPI が実在する"
    summary_ja = "用語集の related_kpis が metrics/ にある KPI の id であること。"

    def check(self, project: Project) -> Iterable[Issue]:
        glossary = project.glossary
        if glossary is None:
            return
        known = kpi_index(project)
        for i, term in enumerate(glossary.spec.terms):
            for j, kpi_id in enumerate(term.related_kpis):
                if kpi_missing(project, kpi_id):
                    hint_ja, hint_en = did_you_mean(kpi_id, known)
                    yield self.issue(
                        glossary.at("terms", i, "related_kpis", j),
                        f"用語「{term.term}」の関連 KPI「{kpi_id}」が metrics/ にありません{hint_ja}"
                        " — 既存の KPI の id にするか、削除してください",
                        f"related KPI '{kpi_id}' of term '{term.term}' is not in metrics/{hint_en}"
                        " — use an existing KPI id or remove it",
                    )
