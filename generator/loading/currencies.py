"""Each money KPI's currency: written on the KPI, else that of the money column it reads, else JPY.

sources.yml gives a money column its ``currency`` (an export in US dollars); a KPI summing that column,
or computed from KPIs that do, is shown in it — never as ¥. A KPI combining money of two currencies
gets none here: nothing converts between them, and rule CUR001 refuses it.
"""

from __future__ import annotations

import dataclasses

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.project import Project
from ..model.sources import Sources

DEFAULT = "JPY"
COMPUTE = ("compute",)


def with_currencies(project: Project) -> Project:
    """The project with ``currency`` filled in on every money KPI that does not state one."""
    sources = project.sources.spec if project.sources else None
    if sources is None or not any(c.currency for t in sources.tables for c in t.columns):
        return project  # every money column is in yen: nothing to fill in
    by_id = {loaded.spec.id: loaded.spec for loaded in project.kpis}
    kpis = tuple(
        dataclasses.replace(loaded, spec=loaded.spec.model_copy(update={"currency": found}))
        if loaded.spec.unit == "yen"
        and loaded.spec.currency is None
        and (found := _read_currency(loaded.spec, by_id, sources, frozenset())) is not None
        else loaded
        for loaded in project.kpis
    )
    return dataclasses.replace(project, kpis=kpis)


def _read_currency(kpi: Kpi, by_id: dict[str, Kpi], sources: Sources, trail: frozenset[str]) -> str | None:
    """The one non-default currency of the money columns ``kpi`` reads (directly or through the KPIs it
    is computed from); None when there is none, or more than one."""
    kind = kind_of(kpi.compute)
    found: set[str] = set()
    for read in kind.table_reads(kpi.compute, COMPUTE):
        table = next((t for t in sources.tables if t.id == read.table), None)
        for use in read.columns:
            column = table.column(use.column) if table else None
            if column is not None and use.expects == "numeric" and column.currency:
                found.add(column.currency)
    for name, _where in kind.kpi_references(kpi.compute, kpi):
        other = by_id.get(name)
        if other is not None and name not in trail and other.unit == "yen":
            currency = other.currency or _read_currency(other, by_id, sources, trail | {kpi.id})
            if currency:
                found.add(currency)
    return found.pop() if len(found) == 1 and DEFAULT not in found else None
