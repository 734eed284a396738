"""TREE007 parent-cycle."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .cycles import find_cycles, show_cycle
from .lookup import kpi_index


class ParentCycle(Rule):
    """Following ``tree.parent`` never comes back to where it started.

    Bad (``sql_count.yml`` and ``mql_count.yml``)::

        tree: {level: kpi, parent: mql_count}   # in sql_count.yml
        tree: {level: kpi, parent: sql_count}   # in mql_count.yml

    Good: parents point up towards the KGI only.
    """

    code = "TREE007"
    name = "parent-cycle"
    title_ja = "ツリーが循環しない"
    summary_ja = "tree.parent をたどって元の KPI に戻らないこと。"

    def check(self, project: Project) -> Iterable[Issue]:
        index = kpi_index(project)
        edges = {kpi_id: [k.spec.tree.parent] for kpi_id, k in index.items() if k.spec.tree.parent}
        for cycle in find_cycles(edges):
            shown = show_cycle(cycle)
            yield self.issue(
                index[cycle[0]].at("tree", "parent"),
                f"ツリーの親子関係が循環しています({shown})— どれかの parent を上位の KPI に直してください",
                f"the tree's parents form a cycle ({shown}) — point one parent up towards the KGI",
            )
