"""``measure: continuous_response`` — touched leads responding to enough of their latest touches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import ContinuousResponse
from ..model.kpi import Kpi
from .engagement import ENGAGEMENT
from .kind import MeasureKind, Measurer, Phrases, TableRead, rate_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class ContinuousResponseKind(MeasureKind[ContinuousResponse]):
    """Measured in the shared engagement batch, from the activities."""

    batch = ENGAGEMENT

    def measure(self, measurer: Measurer, kpi: Kpi, spec: ContinuousResponse, scope: Scope) -> Cells:
        return measurer.shared(ENGAGEMENT, spec, scope)

    def default(self, measurer: Measurer, kpi: Kpi, spec: ContinuousResponse, key: Key, scope: Scope) -> Cell:
        return rate_default()

    def table_reads(self, spec: ContinuousResponse, path: Path_) -> Iterator[TableRead]:
        return iter(())  # the activities it reads are fixed, not named in the definition

    def data_tables(self, spec: ContinuousResponse) -> frozenset[str]:
        return frozenset({"activities"})

    def formula(self, phrases: Phrases, spec: ContinuousResponse, kpi: Kpi, grain: str) -> Markup:
        machine = "(機械的な開封は反応に数えない)" if spec.exclude_machine_opens else ""
        return Markup(
            f"(その{grain}末時点で、直近{spec.touches}回の接触のうち{spec.responded_at_least}回以上"
            f"反応したリード数{machine}) ÷ (直近に接触を受けたリード数)"
        )


CONTINUOUS_RESPONSE = ContinuousResponseKind()
