"""TREE002 kgi-unresolved."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import TREE_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, kpi_index, kpi_missing


class KgiUnresolved(Rule):
    """``kgi`` in ``definitions/tree.yml`` names a KPI whose ``tree.level`` is ``kgi``.

    Bad (``definitions/tree.yml``)::

        kgi: revenue   # no metrics/revenue.yml

    Good::

        kgi: marketing_sourced_revenue   # metrics/marketing_sourced_revenue.yml has tree: {level: kgi}
    """

    code = "TREE002"
    name = "kgi-unresolved"
    title_ja = "KGI が KGI 階層の KPI"
    summary_ja = "definitions/tree.yml の kgi が、tree.level が kgi の KPI を指していること。"

    def check(self, project: Project) -> Iterable[Issue]:
        tree = project.tree
        if tree is None:
            return
        kgi_id = tree.spec.kgi
        kgi = project.kpi(kgi_id)
        if kgi is None:
            if kpi_missing(project, kgi_id):
                hint_ja, hint_en = did_you_mean(kgi_id, kpi_index(project))
                yield self.issue(
                    tree.at("kgi"),
                    f"KGI「{kgi_id}」が metrics/ にありません{hint_ja}"
                    f" — metrics/{kgi_id}.yml を作るか、既存の KPI の id を書いてください",
                    f"KGI '{kgi_id}' is not in metrics/{hint_en}"
                    f" — create metrics/{kgi_id}.yml or name an existing KPI",
                )
        elif kgi.spec.tree.level != "kgi":
            yield self.issue(
                kgi.at("tree", "level"),
                f"{TREE_FILE} で KGI に指定されていますが、level が「{kgi.spec.tree.level}」です"
                " — tree: {level: kgi} にしてください",
                f"{TREE_FILE} names this KPI as the KGI but its level is '{kgi.spec.tree.level}'"
                " — set tree: {level: kgi}",
            )
