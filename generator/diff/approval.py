"""Which breaking changes carry the team's approval marker: a PR label, or a new ``changelog`` entry."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.project import Project
from .changes import Change


def approved_by_changelog(change: Change, base: Project, head: Project) -> bool:
    """True when HEAD's definition of the change has a ``changelog`` entry that BASE's did not."""
    new = _changelog(head, change.entity, change.entity_id)
    old = _changelog(base, change.entity, change.old_id or change.entity_id)
    return any(entry not in old for entry in new)


def unapproved_breaking(
    changes: Iterable[Change], base: Project, head: Project, labels: Iterable[str], approved_label: str
) -> list[Change]:
    """Breaking changes with no marker; none when the pull request carries ``approved_label``."""
    if approved_label in {label.strip() for label in labels}:
        return []
    return [c for c in changes if c.category == "breaking" and not approved_by_changelog(c, base, head)]


def _changelog(project: Project, entity: str, entity_id: str) -> list[object]:
    loaded = (
        project.kpi(entity_id) if entity == "kpi" else project.sla(entity_id) if entity == "sla" else None
    )
    return list(loaded.spec.changelog) if loaded is not None else []
