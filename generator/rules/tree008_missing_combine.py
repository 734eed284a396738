"""TREE008 missing-combine."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import all_kpis_loaded, children_by_parent


class MissingCombine(Rule):
    """A KPI with children says how they combine (``product``, ``sum``, ``ratio``, or ``contributes``
    when they only drive it); ``combine`` on a KPI without children is a warning.

    Bad (``sql_count.yml``, parent of ``mql_count`` and ``mql_to_sql_rate``)::

        tree: {level: kpi, parent: deals_won}

    Good::

        tree: {level: kpi, parent: deals_won, combine: product}
    """

    code = "TREE008"
    name = "missing-combine"
    title_ja = "子の組み合わせ方を書く"
    summary_ja = (
        "子を持つ KPI は、子の組み合わせ方(product 掛け算、sum 足し算、ratio 割り算、contributes 影"
        "響のみ)を combine で示すこと。子のない KPI の combine は警告です。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        children = children_by_parent(project)
        complete = all_kpis_loaded(project)
        for kpi in project.kpis:
            kids = children.get(kpi.spec.id, [])
            combine = kpi.spec.tree.combine
            if kids and combine is None:
                names = ", ".join(k.spec.id for k in kids)
                yield self.issue(
                    kpi.at("tree"),
                    f"子 KPI({names})の組み合わせ方(tree.combine)がありません"
                    " — product・sum・ratio・contributes のどれかを書いてください",
                    f"how the children ({names}) combine is not set"
                    " — add tree.combine: product, sum, ratio or contributes",
                )
            elif not kids and combine is not None and complete:
                yield self.warning(
                    kpi.at("tree", "combine"),
                    f"combine: {combine} がありますが、この KPI を親にする KPI がありません"
                    " — 子 KPI の parent を確認するか、combine を消してください",
                    f"combine: {combine} is set but no KPI has this one as its parent"
                    " — check the children's parent or remove combine",
                )
