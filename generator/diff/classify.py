"""Breaking, target or cosmetic: a small table of field paths; everything else is cosmetic.

Breaking means the series is no longer comparable with its past (how it is computed, which leads
count, when a lead is an MQL, the business calendar); target means what counts as good moved
(a target, a deadline, a status band); cosmetic is wording, labels and display names.
"""

from __future__ import annotations

from .changes import Category, ChangeKind, Entity

FieldPath = tuple[str, ...]

# A change at or under one of these paths is breaking.
BREAKING: dict[Entity, tuple[FieldPath, ...]] = {
    "kpi": (
        ("compute",),
        ("grain",),
        ("unit",),
        ("params",),
        ("tree", "level"),
        ("tree", "parent"),
        ("tree", "combine"),
        ("tree", "role"),
    ),
    "sla": (
        ("scoring", "rules"),
        ("scoring", "threshold"),
        ("scoring", "decay"),
        ("mql", "criteria"),
        ("sql", "criteria"),
        ("hot_lead_triggers",),
        ("disqualifiers",),
        ("calendar",),
    ),
    "sources": (("path",), ("as_of",), ("tables", "primary_key"), ("tables", "columns", "type")),
    "tree": (("kgi",),),
}

# A change at or under one of these paths moves a target, a deadline or a status band.
TARGET: dict[Entity, tuple[FieldPath, ...]] = {
    "kpi": (("targets",), ("thresholds",)),
    "sla": (("response_deadline",), ("follow_up",)),
}

# Removing one of these loses a guarantee the numbers relied on: breaking, whatever the default.
CHECKS: dict[Entity, tuple[FieldPath, ...]] = {
    "kpi": (("checks",),),
    "sources": (("tables",), ("tables", "checks")),
}

# Words, not rules: a label under a breaking path (a scoring rule's label) stays cosmetic.
WORDING = frozenset(
    {"label", "name", "name_en", "description", "summary", "note", "rationale", "review_cycle"}
)

# A whole definition removed or renamed breaks every series and link that used its id.
IDENTIFIED: frozenset[Entity] = frozenset({"kpi", "sla"})


def classify(entity: Entity, kind: ChangeKind, fields: FieldPath) -> Category:
    """The category of one change at ``fields`` (empty for the whole definition)."""
    if not fields:
        return "breaking" if kind in ("removed", "renamed") and entity in IDENTIFIED else "cosmetic"
    if fields[-1] in WORDING and kind == "changed":
        return "cosmetic"
    if kind == "removed" and fields in CHECKS.get(entity, ()):
        return "breaking"
    if _under(fields, BREAKING.get(entity, ())):
        return "breaking"
    if _under(fields, TARGET.get(entity, ())):
        return "target"
    return "cosmetic"


def _under(fields: FieldPath, prefixes: tuple[FieldPath, ...]) -> bool:
    return any(fields[: len(prefix)] == prefix for prefix in prefixes)
