"""``measure: browsing_after_touch`` — touched leads viewing enough pages within days of a touch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.compute import BrowsingAfterTouch
from ..model.kpi import Kpi
from .engagement import ENGAGEMENT
from .kind import MeasureKind, Measurer, Phrases, TableRead, rate_default

if TYPE_CHECKING:
    from ..engine.scope import Cell, Cells, Key, Scope


class BrowsingAfterTouchKind(MeasureKind[BrowsingAfterTouch]):
    """Measured in the shared engagement batch, from the activities."""

    batch = ENGAGEMENT

    def measure(self, measurer: Measurer, kpi: Kpi, spec: BrowsingAfterTouch, scope: Scope) -> Cells:
        return measurer.shared(ENGAGEMENT, spec, scope)

    def default(self, measurer: Measurer, kpi: Kpi, spec: BrowsingAfterTouch, key: Key, scope: Scope) -> Cell:
        return rate_default()

    def table_reads(self, spec: BrowsingAfterTouch, path: Path_) -> Iterator[TableRead]:
        return iter(())  # the activities it reads are fixed, not named in the definition

    def data_tables(self, spec: BrowsingAfterTouch) -> frozenset[str]:
        return frozenset({"activities"})

    def maturity_days(self, spec: BrowsingAfterTouch) -> int:
        return spec.within_days

    def formula(self, phrases: Phrases, spec: BrowsingAfterTouch, kpi: Kpi, grain: str) -> Markup:
        return Markup(
            f"(その{grain}にメール等で接触したリードのうち、接触後{spec.within_days}日以内に"
            f"{spec.page_views_at_least}ページ以上閲覧した数) ÷ (その{grain}に接触したリード数)"
        )


BROWSING_AFTER_TOUCH = BrowsingAfterTouchKind()
