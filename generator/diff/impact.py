"""What a change does to the numbers: both revisions measured through the pipeline on the same data.

Only aggregates come back from the engine (``MeasurementSet``); a count of leads under k is shown as
「k 件未満」, as on the site. Nothing here measures anything itself.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from ..model.backtest import MqlBacktest
from ..model.kpi import Kpi
from ..model.measurement import KpiMeasurement, MeasurementSet, Point, SlaReport
from ..model.periods import latest_complete_start
from ..model.project import Project
from ..pipeline import MeasureFailure, Workspace
from .backtest import backtest
from .changes import Change
from .measured import measure_both


@dataclass(frozen=True)
class KpiImpact:
    """One KPI before → after: its latest complete period and the twelve months to as-of."""

    kpi_id: str
    name: tuple[str, str]
    unit: str
    decimals: int
    period: str | None
    latest_before: float | None
    latest_after: float | None
    year_before: float | None
    year_after: float | None
    changed_definition: bool  # the KPI's own definition changed in a breaking way

    @property
    def moved(self) -> bool:
        return not (_same(self.latest_before, self.latest_after) and _same(self.year_before, self.year_after))


@dataclass(frozen=True)
class SlaImpact:
    """One SLA before → after: compliance of the latest complete week and rule-derived MQLs."""

    sla_id: str
    week: str | None
    compliance_before: float | None
    compliance_after: float | None
    mqls_before: int | None  # None when under k (never shown)
    mqls_after: int | None
    threshold_before: int
    threshold_after: int


@dataclass(frozen=True)
class Impact:
    as_of: dt.date
    kpis: tuple[KpiImpact, ...]
    kgi: KpiImpact | None  # the KGI's forecast from the tree, before → after
    required: tuple[KpiImpact, ...]  # what the tree works back from the KGI's target, where it moved
    slas: tuple[SlaImpact, ...]
    k: int
    backtests: tuple[MqlBacktest, ...] = ()  # a changed MQL definition, lead by lead, counts only


@dataclass(frozen=True)
class ImpactSkipped:
    """Why the numbers could not be compared (invalid definitions, bad data); said in the comment."""

    reason_ja: str
    reason_en: str


def needs_impact(changes: list[Change]) -> bool:
    """Measure when something could move a number: a breaking change, or a target or deadline (a KPI's
    target moves what the tree works back from the KGI; an SLA deadline moves compliance)."""
    return any(c.category in ("breaking", "target") for c in changes)


def measure_impact(
    base: Project, head: Project, workspace: Workspace, changes: list[Change]
) -> Impact | ImpactSkipped:
    """Measure BASE and HEAD on ``workspace``'s data (the same tables, the same as-of) and compare."""
    try:
        before, after = measure_both(base, head, workspace)
    except MeasureFailure as failure:
        return ImpactSkipped(failure.message_ja, failure.message_en)
    renamed = {
        c.entity_id: c.old_id for c in changes if c.kind == "renamed" and c.entity == "kpi" and c.old_id
    }
    breaking = {c.entity_id for c in changes if c.category == "breaking" and c.entity == "kpi"}
    kpis = []
    for loaded in sorted(head.kpis, key=lambda k: k.spec.id):
        kpi = loaded.spec
        old_id = renamed.get(kpi.id, kpi.id)
        if old_id not in before.kpis or kpi.id not in after.kpis:
            continue
        impact = kpi_impact(kpi, before, after, old_id, kpi.id in breaking)
        if impact.moved or impact.changed_definition:
            kpis.append(impact)
    return Impact(
        as_of=after.as_of,
        kpis=tuple(kpis),
        kgi=kgi_impact(head, before, after),
        required=tuple(required_impacts(head, before, after, renamed)),
        slas=tuple(sla_impacts(before, after, workspace.k_anonymity)),
        k=workspace.k_anonymity,
        backtests=backtest(base, head, workspace, changes, after.as_of),
    )


def kpi_impact(
    kpi: Kpi, before: MeasurementSet, after: MeasurementSet, old_id: str, changed: bool
) -> KpiImpact:
    old, new = before.kpis[old_id], after.kpis[kpi.id]
    start = latest_complete_start(after.as_of, kpi.grain)
    latest_old, latest_new = _point(old, start), _point(new, start)
    shown = latest_new or latest_old
    return KpiImpact(
        kpi_id=kpi.id,
        name=(kpi.name, kpi.name_en),
        unit=kpi.unit,
        decimals=kpi.decimals,
        period=shown.period if shown else None,
        latest_before=latest_old.value if latest_old else None,
        latest_after=latest_new.value if latest_new else None,
        year_before=_year(before, old_id),
        year_after=_year(after, kpi.id),
        changed_definition=changed,
    )


def kgi_impact(head: Project, before: MeasurementSet, after: MeasurementSet) -> KpiImpact | None:
    """The KGI's forecast (bottom-up from the trailing twelve months' actuals), before → after."""
    if head.tree is None or not after.tree:
        return None
    kgi = head.kpi(head.tree.spec.kgi)
    if kgi is None:
        return None
    old = next((n.forecast for n in before.tree if n.kpi_id == kgi.spec.id), None)
    new = next((n.forecast for n in after.tree if n.kpi_id == kgi.spec.id), None)
    spec = kgi.spec
    return KpiImpact(
        spec.id, (spec.name, spec.name_en), spec.unit, spec.decimals, None, None, None, old, new, False
    )


def required_impacts(
    head: Project, before: MeasurementSet, after: MeasurementSet, renamed: dict[str, str]
) -> list[KpiImpact]:
    """Tree nodes whose required value (worked back from the KGI's target) moved; in ``year_*``."""
    old = {node.kpi_id: node.required for node in before.tree}
    found = []
    for node in after.tree:
        loaded = head.kpi(node.kpi_id)
        previous = old.get(renamed.get(node.kpi_id) or node.kpi_id)
        if loaded is None or _same(previous, node.required):
            continue
        spec = loaded.spec
        found.append(
            KpiImpact(
                spec.id,
                (spec.name, spec.name_en),
                spec.unit,
                spec.decimals,
                None,
                None,
                None,
                previous,
                node.required,
                False,
            )
        )
    return found


def sla_impacts(before: MeasurementSet, after: MeasurementSet, k: int) -> list[SlaImpact]:
    old_reports = {r.sla_id: r for r in before.slas}
    found = []
    for new in after.slas:
        old = old_reports.get(new.sla_id)
        if old is None:
            continue
        week_old, week_new = _latest_week(old, after.as_of), _latest_week(new, after.as_of)
        impact = SlaImpact(
            sla_id=new.sla_id,
            week=week_new.period if week_new else None,
            compliance_before=week_old.value if week_old else None,
            compliance_after=week_new.value if week_new else None,
            mqls_before=_at_least_k(old.rule_derived_mqls, k),
            mqls_after=_at_least_k(new.rule_derived_mqls, k),
            threshold_before=old.threshold,
            threshold_after=new.threshold,
        )
        moved = not _same(impact.compliance_before, impact.compliance_after)
        if moved or old.rule_derived_mqls != new.rule_derived_mqls or old.threshold != new.threshold:
            found.append(impact)
    return found


def _latest_week(report: SlaReport, as_of: dt.date) -> Point | None:
    start = latest_complete_start(as_of, "week")
    return next((p for p in report.compliance_by_week if p.start == start), None)


def _point(measured: KpiMeasurement, start: dt.date) -> Point | None:
    return next((p for p in measured.series if p.start == start), None)


def _year(measured: MeasurementSet, kpi_id: str) -> float | None:
    """The engine's own trailing-twelve-month value (the tree's actual), not re-aggregated here."""
    return next((n.actual for n in measured.tree if n.kpi_id == kpi_id), None)


def _at_least_k(count: int, k: int) -> int | None:
    return count if count >= k else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
