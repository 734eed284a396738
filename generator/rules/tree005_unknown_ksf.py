"""TREE005 unknown-ksf."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import TREE_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, listing


class UnknownKsf(Rule):
    """A KPI's ``tree.ksf`` is one of the key success factors in ``definitions/tree.yml``.

    Bad::

        tree: {level: kpi, parent: sql_count, ksf: nurturing}

    Good::

        tree: {level: kpi, parent: sql_count, ksf: nurture_quality}
    """

    code = "TREE005"
    name = "unknown-ksf"
    title_ja = "KSF が実在する"
    summary_ja = "KPI の tree.ksf が definitions/tree.yml の重要成功要因(KSF)の一つであること。"

    def check(self, project: Project) -> Iterable[Issue]:
        if project.tree is None:
            return
        known = {ksf.id for ksf in project.tree.spec.ksfs}
        for kpi in project.kpis:
            ksf = kpi.spec.tree.ksf
            if ksf is not None and ksf not in known:
                hint_ja, hint_en = did_you_mean(ksf, known)
                yield self.issue(
                    kpi.at("tree", "ksf"),
                    f"KSF「{ksf}」が {TREE_FILE} にありません{hint_ja}"
                    f" — {listing(known)} から選ぶか、{TREE_FILE} に追加してください",
                    f"KSF '{ksf}' is not in {TREE_FILE}{hint_en} — use one of {listing(known)} or add it",
                )
