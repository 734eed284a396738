"""Partial data: a KPI whose table is absent is 「計測できません」, and every other KPI is still measured.

Imported data seldom has every canonical table (a team starting from two spreadsheets has leads and
deals, no activities). Only ``leads`` is required (the as-of day, segments and the funnel read it);
any other absent table makes exactly the KPIs that read it — directly, or through a KPI they are
derived from — unmeasurable, with the tables to import named in ``KpiMeasurement.error``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.measurement import KpiMeasurement
from .errors import MeasureError

TablesOf = Callable[[Iterable[Kpi]], set[str]]


def absent_inputs(kpis: Iterable[Kpi], present: set[str], tables_of: TablesOf) -> dict[str, tuple[str, ...]]:
    """KPI id → the absent tables it needs (only KPIs that need one); ``tables_of`` is the engine's
    per-KPI table list (``required_tables``)."""
    by_id = {kpi.id: kpi for kpi in kpis}
    memo: dict[str, set[str]] = {}

    def needs(kpi_id: str, trail: frozenset[str]) -> set[str]:
        if kpi_id in memo:
            return memo[kpi_id]
        kpi = by_id.get(kpi_id)
        if kpi is None or kpi_id in trail:  # unknown or circular: the rules report it
            return set()
        found = set(tables_of([kpi]))
        for other in _referenced(kpi, by_id):
            found |= needs(other, trail | {kpi_id})
        memo[kpi_id] = found
        return found

    absent = {kpi_id: sorted(needs(kpi_id, frozenset()) - present) for kpi_id in by_id}
    return {kpi_id: tuple(tables) for kpi_id, tables in absent.items() if tables}


def unmeasurable(kpi: Kpi, tables: tuple[str, ...]) -> KpiMeasurement:
    """The measurement of a KPI whose tables are absent: no series, and what to import."""
    names = ", ".join(tables)
    error = MeasureError(
        f"計測できません — {names} が必要です(kpi import で取り込んでください)",
        f"cannot be measured — needs {names} (bring it in with kpi import)",
    )
    return KpiMeasurement(kpi.id, kpi.grain, (), error=error.text(), absent_tables=tables)


def _referenced(kpi: Kpi, by_id: Mapping[str, Kpi]) -> list[str]:
    """KPIs this one is computed from: a derived expression's names, a ratio's KPI operands."""
    references = kind_of(kpi.compute).kpi_references(kpi.compute, kpi)
    return [name for name, _where in references if name in by_id and name != kpi.id]
