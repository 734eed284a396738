"""REF005 unknown-sla."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, sla_missing
from .uses import sla_references


class UnknownSla(Rule):
    """``sla`` (of ``sla_compliance`` and ``score_at_least``) and a duration's ``calendar`` name an SLA
    in ``definitions/sla/``.

    Bad::

        compute: {measure: sla_compliance, sla: mql_sla}

    Good::

        compute: {measure: sla_compliance, sla: mql_sql_sla}
    """

    code = "REF005"
    name = "unknown-sla"
    title_ja = "参照する SLA が実在する"
    summary_ja = (
        "sla_compliance・score_at_least の sla と、所要時間の calendar が definitions/sla/ の SLA "
        "を指していること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        known = [sla.spec.id for sla in project.slas]
        for kpi in project.kpis:
            for sla_id, path in sla_references(kpi.spec):
                if sla_missing(project, sla_id):
                    hint_ja, hint_en = did_you_mean(sla_id, known)
                    yield self.issue(
                        kpi.at(*path),
                        f"SLA「{sla_id}」が definitions/sla/ にありません{hint_ja}"
                        " — 既存の SLA の id を書いてください",
                        f"SLA '{sla_id}' is not in definitions/sla/{hint_en} — name an existing SLA id",
                    )
