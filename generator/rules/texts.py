"""The prose fields that may cite figures: target rationales and review notes (TXT001, TXT002)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.issue import Location
from ..model.kpi import Kpi
from ..model.project import Loaded, Project

REVIEW_FIELDS = ("observation", "cause", "action")


@dataclass(frozen=True)
class ProseField:
    """One text a person typed, where it is, and whose KPI it belongs to."""

    kpi: Loaded[Kpi]
    path: tuple[str | int, ...]
    text: str

    @property
    def location(self) -> Location:
        return self.kpi.at(*self.path)

    @property
    def label(self) -> str:
        """``targets[0].rationale``: the field as a reader finds it in the file."""
        return ".".join(f"{part}" if isinstance(part, str) else f"[{part}]" for part in self.path).replace(
            ".[", "["
        )


def prose_fields(project: Project) -> Iterator[ProseField]:
    """Every rationale and review note of every KPI, in file order."""
    for kpi in project.kpis:
        for index, target in enumerate(kpi.spec.targets):
            if target.rationale is not None:
                yield ProseField(kpi, ("targets", index, "rationale"), target.rationale)
        for index, review in enumerate(kpi.spec.reviews):
            for name in REVIEW_FIELDS:
                yield ProseField(kpi, ("reviews", index, name), getattr(review, name))
