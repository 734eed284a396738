"""REF007 compute-cycle."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .cycles import find_cycles, show_cycle
from .lookup import kpi_index
from .uses import kpi_references


class ComputeCycle(Rule):
    """KPIs computed from other KPIs (ratio operands, derived expressions) never depend on themselves.

    Bad::

        # cpl.yml
        compute: {measure: derived, expression: spend / new_leads}
        # new_leads.yml
        compute: {measure: derived, expression: spend / cpl}

    Good: ``new_leads`` is counted from the leads table.
    """

    code = "REF007"
    name = "compute-cycle"
    title_ja = "KPI の計算が循環しない"
    summary_ja = "他の KPI から計算する KPI(比率の分子・分母、派生式)が、巡り巡って自分自身に依存しないこと。"

    def check(self, project: Project) -> Iterable[Issue]:
        index = kpi_index(project)
        edges = {kpi_id: [name for name, _ in kpi_references(k.spec)] for kpi_id, k in index.items()}
        for cycle in find_cycles(edges):
            first = index[cycle[0]]
            path = next(p for name, p in kpi_references(first.spec) if name == (cycle + cycle)[1])
            shown = show_cycle(cycle)
            yield self.issue(
                first.at(*path),
                f"KPI の計算が循環しています({shown})— どれかの KPI をテーブルから直接計算してください",
                f"KPI computations form a cycle ({shown}) — compute one of them from a table directly",
            )
