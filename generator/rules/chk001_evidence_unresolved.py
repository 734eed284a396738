"""CHK001 evidence-unresolved."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .evidence import evidence_problem


class EvidenceUnresolved(Rule):
    """A checklist item's evidence points at something that exists: a KPI id (``kpi``), an SLA clause
    ``<sla id>.<dotted path>`` (``sla``), a declared data check ``<table>.<check>.<column>`` or
    ``kpi:<id>`` of a KPI with checks (``data_check``), a table id (``table``), a glossary term id
    (``glossary``), or a link (``document``).

    Bad::

        evidence:
          - {kind: sla, ref: mql_sql_sla.response_deadline.hours}

    Good::

        evidence:
          - {kind: sla, ref: mql_sql_sla.response_deadline.business_hours}
    """

    code = "CHK001"
    name = "evidence-unresolved"
    title_ja = "根拠の参照先がある"
    summary_ja = (
        "チェックリスト項目の根拠(evidence)が、実在する KPI・SLA の条項・データチェック・テーブル・"
        "用語・リンクを指していること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for checklist in project.checklists:
            for i, item in enumerate(checklist.spec.items):
                for j, evidence in enumerate(item.evidence):
                    problem = evidence_problem(project, evidence)
                    if problem is None:
                        continue
                    ja, en = problem
                    yield self.issue(
                        checklist.at("items", i, "evidence", j, "ref"),
                        f"根拠({evidence.kind})「{evidence.ref}」が見つかりません: {ja}"
                        " — 存在する参照先に直してください",
                        f"evidence ({evidence.kind}) '{evidence.ref}' does not resolve: {en}"
                        " — point it at something that exists",
                    )
