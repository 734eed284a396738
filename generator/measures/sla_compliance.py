"""``measure: sla_compliance`` — hand-offs first contacted within the SLA's response deadline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import SlaCompliance
from ..model.kpi import Kpi
from .kind import MeasureKind, Measurer, Phrases, TableRead, rate_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class SlaComplianceKind(MeasureKind[SlaCompliance]):
    """From the hand-offs judged once per SLA (``engine/sla_report.py``)."""

    def measure(self, measurer: Measurer, kpi: Kpi, spec: SlaCompliance, scope: Scope) -> Cells:
        from ..engine.sla_report import sla_compliance_cells

        return sla_compliance_cells(measurer.judged_handoffs(spec.sla), scope)

    def default(self, measurer: Measurer, kpi: Kpi, spec: SlaCompliance, key: Key, scope: Scope) -> Cell:
        return rate_default()

    def table_reads(self, spec: SlaCompliance, path: Path_) -> Iterator[TableRead]:
        return iter(())  # the hand-offs it reads are fixed, not named in the definition

    def data_tables(self, spec: SlaCompliance) -> frozenset[str]:
        return frozenset({"handoffs"})

    def sla_references(self, spec: SlaCompliance) -> Iterator[tuple[str, Path_]]:
        yield spec.sla, ("compute", "sla")

    def formula(self, phrases: Phrases, spec: SlaCompliance, kpi: Kpi, grain: str) -> Markup:
        return Markup(
            f"(その{grain}の引き渡しのうち、{phrases.sla(spec.sla)}の対応期限内に IS が初回接触した数)"
            # Not contacted and not yet due: undecided, left out until its deadline passes (sla_report).
            f" ÷ (その{grain}の引き渡しのうち、初回接触したか対応期限を過ぎた数)"
        )


SLA_COMPLIANCE = SlaComplianceKind()
