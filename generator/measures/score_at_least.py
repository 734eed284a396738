"""``measure: score_at_least`` — leads whose score under the SLA's rules reaches its threshold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import ScoreAtLeast
from ..model.kpi import Kpi
from .kind import MeasureKind, Measurer, Phrases, TableRead, volume_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class ScoreAtLeastKind(MeasureKind[ScoreAtLeast]):
    """From the leads scored once per SLA (``engine/scoring.py``); a volume: 0 when no lead qualifies."""

    sums_over_time = True

    def measure(self, measurer: Measurer, kpi: Kpi, spec: ScoreAtLeast, scope: Scope) -> Cells:
        from ..engine.scoring import score_at_least_cells

        return score_at_least_cells(measurer.scores(spec.sla), scope)

    def default(self, measurer: Measurer, kpi: Kpi, spec: ScoreAtLeast, key: Key, scope: Scope) -> Cell:
        return volume_default()

    def table_reads(self, spec: ScoreAtLeast, path: Path_) -> Iterator[TableRead]:
        return iter(())  # the activities it scores are fixed, not named in the definition

    def data_tables(self, spec: ScoreAtLeast) -> frozenset[str]:
        return frozenset({"activities"})

    def sla_references(self, spec: ScoreAtLeast) -> Iterator[tuple[str, Path_]]:
        yield spec.sla, ("compute", "sla")

    def formula(self, phrases: Phrases, spec: ScoreAtLeast, kpi: Kpi, grain: str) -> Markup:
        sla = phrases.project.sla(spec.sla)
        threshold = f"{sla.spec.scoring.threshold}点" if sla else "閾値"
        return Markup(
            f"その{grain}に{phrases.sla(spec.sla)}のスコアリング規則でスコアが{threshold}以上になったリード数"
        )


SCORE_AT_LEAST = ScoreAtLeastKind()
