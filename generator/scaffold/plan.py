"""Which shipped KPIs a project keeps: those whose needs the data meets, and whose KPIs they are
computed from are kept too (a ratio of an unmeasurable KPI is unmeasurable).

SLAs are always kept: a contract is worth reading before its hand-offs are imported, and the engine
reports on an SLA only when the hand-offs and activities are there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.project import Project
from .inventory import DataInventory
from .needs import Need, kpi_needs, unmet


@dataclass(frozen=True)
class Plan:
    """Kept KPI ids, and for each left-out KPI what the data lacks (with what it builds on)."""

    kpis: tuple[str, ...]
    left_out: Mapping[str, tuple[Need, ...]]

    def message(self, kpi_id: str, lang: str) -> str:
        """「計測できません — handoffs.first_contact_at が必要です」 for a left-out KPI."""
        needs = self.left_out.get(kpi_id, ())
        names = ", ".join(need.text() for need in needs)
        if lang == "ja":
            return f"計測できません — {names} が必要です"
        return f"cannot be measured — needs {names}"


def plan(project: Project, data: DataInventory) -> Plan:
    by_id = {loaded.spec.id: loaded.spec for loaded in project.kpis}
    memo: dict[str, tuple[Need, ...]] = {}

    def lacking(kpi_id: str, trail: frozenset[str]) -> tuple[Need, ...]:
        kpi = by_id.get(kpi_id)
        if kpi is None or kpi_id in trail:  # unknown or circular: the rules report it
            return ()
        if kpi_id not in memo:
            found = set(unmet(kpi_needs(kpi), data))
            for other in _kpis_used(kpi, by_id):
                found |= set(lacking(other, trail | {kpi_id}))
            memo[kpi_id] = tuple(sorted(found, key=Need.order))
        return memo[kpi_id]

    left_out = {kpi_id: missing for kpi_id in sorted(by_id) if (missing := lacking(kpi_id, frozenset()))}
    return Plan(kpis=tuple(kpi_id for kpi_id in by_id if kpi_id not in left_out), left_out=left_out)


def _kpis_used(kpi: Kpi, by_id: Mapping[str, Kpi]) -> list[str]:
    references = kind_of(kpi.compute).kpi_references(kpi.compute, kpi)
    return [name for name, _where in references if name in by_id and name != kpi.id]
