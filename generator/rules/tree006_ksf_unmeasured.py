"""TREE006 ksf-unmeasured."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import all_kpis_loaded


class KsfUnmeasured(Rule):
    """Every key success factor is measured by at least one KPI (a KPI names it in ``tree.ksf``).

    Bad (``definitions/tree.yml``, and no KPI says ``ksf: fast_followup``)::

        ksfs:
          - {id: fast_followup, name: 引き渡し後すぐにフォローする, description: …}

    Good (``metrics/speed_to_lead.yml``)::

        tree: {level: kpi, parent: sql_count, ksf: fast_followup}
    """

    code = "TREE006"
    name = "ksf-unmeasured"
    title_ja = "KSF が計測されている"
    summary_ja = "すべての重要成功要因(KSF)を、少なくとも一つの KPI が tree.ksf で計測していること。"

    def check(self, project: Project) -> Iterable[Issue]:
        tree = project.tree
        if tree is None or not all_kpis_loaded(project):
            return
        measured = {kpi.spec.tree.ksf for kpi in project.kpis}
        for i, ksf in enumerate(tree.spec.ksfs):
            if ksf.id not in measured:
                yield self.issue(
                    tree.at("ksfs", i, "id"),
                    f"KSF「{ksf.id}」を測る KPI がありません"
                    f" — どれかの KPI に tree.ksf: {ksf.id} を書くか、この KSF を削除してください",
                    f"no KPI measures KSF '{ksf.id}' — set tree.ksf: {ksf.id} on a KPI or remove the KSF",
                )
