"""One semantic change between two revisions of the definitions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Category = Literal["breaking", "target", "cosmetic"]
ChangeKind = Literal["added", "removed", "renamed", "changed"]
Entity = Literal["kpi", "sla", "checklist", "glossary", "teams", "sources", "tree", "settings"]
CATEGORY_ORDER: tuple[Category, ...] = ("breaking", "target", "cosmetic")


@dataclass(frozen=True)
class Step:
    """One step down a definition: a field, or a list item (then ``label`` names the item)."""

    field: str
    label: str | None = None  # the item's own label, name or key, for list and dict items


@dataclass(frozen=True)
class Change:
    """A field (or a whole definition) added, removed, renamed or changed, classified and worded."""

    kind: ChangeKind
    entity: Entity
    entity_id: str  # HEAD's id (BASE's for a removed definition)
    steps: tuple[Step, ...]  # empty for the definition itself
    before: object
    after: object
    category: Category
    file: str  # HEAD's file (BASE's for a removed definition)
    line: int
    text_ja: str
    text_en: str
    old_id: str | None = None  # a renamed definition's id in BASE

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(step.field for step in self.steps)

    def text(self, lang: str) -> str:
        return self.text_ja if lang == "ja" else self.text_en
