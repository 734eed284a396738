"""Compare two loaded catalogues through their typed models: never a text diff.

Definitions are matched by id; a KPI, SLA or checklist that disappears while one with a new id and
the same substance appears is a rename, not a removal plus an addition. Inside a definition the
models are walked field by field (pydantic's own field list), list items matched by their id (or
name, or check kind) so reordering is not a change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model.checklist import Evidence
from ..model.field_words import Words
from ..model.kpi import Kpi, Review, Target
from ..model.positions import KeyPath
from ..model.project import Loaded, Project
from ..model.sla import Signatory
from .changes import CATEGORY_ORDER, Change, ChangeKind, Entity, Step
from .classify import classify
from .wording import ENTITY_NAMES, ValueContext, change_words

# Compared and shown whole: a target reads as one sentence, not three fields.
ATOMIC: tuple[type[BaseModel], ...] = (Target, Evidence, Signatory, Review)
# The approval marker itself is not a change to review.
SKIPPED_FIELDS = frozenset({"changelog"})
SINGLE_FILES: tuple[tuple[Entity, str], ...] = (
    ("glossary", "glossary"),
    ("teams", "teams"),
    ("sources", "sources"),
    ("tree", "tree"),
    ("settings", "settings"),
)


@dataclass(frozen=True, eq=False)  # compared by identity: specs hold lists
class Definition:
    """One definition of a revision: a KPI, an SLA, a checklist, or one of the single files."""

    entity: Entity
    id: str
    loaded: Loaded[Any]

    @property
    def spec(self) -> BaseModel:
        spec: BaseModel = self.loaded.spec
        return spec

    @property
    def subject(self) -> Words:
        spec = self.spec
        if isinstance(spec, Kpi):
            return spec.name, spec.name_en
        name = getattr(spec, "name", None)
        if self.entity in ("sla", "checklist") and isinstance(name, str):
            return name, str(getattr(spec, "name_en", name))
        return ENTITY_NAMES[self.entity]


def definitions(project: Project) -> dict[tuple[Entity, str], Definition]:
    """Every definition of ``project`` keyed by (kind, id)."""
    found: dict[tuple[Entity, str], Definition] = {}
    many: tuple[tuple[Entity, Sequence[Loaded[Any]]], ...] = (
        ("kpi", project.kpis),
        ("sla", project.slas),
        ("checklist", project.checklists),
    )
    for entity, items in many:
        for loaded in items:
            found[(entity, loaded.spec.id)] = Definition(entity, loaded.spec.id, loaded)
    for entity, attribute in SINGLE_FILES:
        loaded_file = getattr(project, attribute)
        if loaded_file is not None:
            found[(entity, entity)] = Definition(entity, entity, loaded_file)
    return found


def semantic_diff(base: Project, head: Project) -> list[Change]:
    """Every change from ``base`` to ``head``, breaking first, then target, then cosmetic."""
    old, new = definitions(base), definitions(head)
    # Sorted, so which pair is a rename never depends on the order of a set.
    renames = detect_renames(
        [old[k] for k in sorted(old.keys() - new.keys())], [new[k] for k in sorted(new.keys() - old.keys())]
    )
    renamed_old = {(d.entity, d.id) for d in renames}
    renamed_new = {(d.entity, d.id) for d in renames.values()}
    changes: list[Change] = []
    for key, before in sorted(old.items()):
        if key in new:
            changes.extend(compare_definitions(before, new[key]))
        elif key not in renamed_old:
            changes.append(_whole("removed", before, before.id, None))
    for before, after in renames.items():
        changes.append(_whole("renamed", after, before.id, after.id, old_id=before.id))
        changes.extend(compare_definitions(before, after))
    for key, after in sorted(new.items()):
        if key not in old and key not in renamed_new:
            changes.append(_whole("added", after, None, after.id))
    return sorted(changes, key=lambda c: CATEGORY_ORDER.index(c.category))


def detect_renames(
    removed: Sequence[Definition], added: Sequence[Definition]
) -> dict[Definition, Definition]:
    """Pairs (old, new) of the same definition under a new id: the same substance, or for a KPI the
    same computation and the same Japanese or English name."""
    pairs: dict[Definition, Definition] = {}
    taken: set[tuple[Entity, str]] = set()
    for old in removed:
        for new in added:
            if new.entity != old.entity or (new.entity, new.id) in taken:
                continue
            if _same_definition(old.spec, new.spec):
                pairs[old] = new
                taken.add((new.entity, new.id))
                break
    return pairs


def _same_definition(old: BaseModel, new: BaseModel) -> bool:
    if isinstance(old, Kpi) and isinstance(new, Kpi):
        return old.compute == new.compute and (old.name == new.name or old.name_en == new.name_en)
    return old.model_dump(exclude={"id"}) == new.model_dump(exclude={"id"}) or (
        getattr(old, "name", None) is not None and getattr(old, "name", None) == getattr(new, "name", None)
    )


def compare_definitions(before: Definition, after: Definition) -> Iterator[Change]:
    """Field-by-field changes of one definition present in both revisions."""
    context = ValueContext(after.entity, after.spec)
    for kind, steps, at, old, new in walk(before.spec, after.spec, (), ()):
        category = classify(after.entity, kind, tuple(step.field for step in steps))
        ja, en = change_words(kind, after.entity, after.subject, steps, old, new, context)
        where = after.loaded.at(*at)
        yield Change(
            kind, after.entity, after.id, steps, old, new, category, after.loaded.file, where.line, ja, en
        )


FieldChange = tuple[ChangeKind, tuple[Step, ...], KeyPath, object, object]


def walk(old: object, new: object, steps: tuple[Step, ...], at: KeyPath) -> Iterator[FieldChange]:
    """Changes between two values; ``at`` is HEAD's key path (for the annotation's line)."""
    if old == new:
        return
    if isinstance(old, BaseModel) and type(old) is type(new) and not isinstance(old, ATOMIC):
        for name in type(old).model_fields:
            if name not in SKIPPED_FIELDS and not (name == "id" and not steps):  # a rename is said once
                yield from walk(getattr(old, name), getattr(new, name), (*steps, Step(name)), (*at, name))
    elif isinstance(old, list) and isinstance(new, list):
        yield from _walk_list(old, new, steps, at)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            inner = (*steps[:-1], Step(steps[-1].field, str(key))) if steps else (Step(str(key)),)
            if key not in new:
                yield "removed", inner, at, old[key], None
            elif key not in old:
                yield "added", inner, (*at, key), None, new[key]
            else:
                yield from walk(old[key], new[key], inner, (*at, key))
    else:
        yield "changed", steps, at, old, new


def _walk_list(old: list[Any], new: list[Any], steps: tuple[Step, ...], at: KeyPath) -> Iterator[FieldChange]:
    old_keys, new_keys = _keys(old), _keys(new)
    if old_keys is None or new_keys is None:
        if not all(isinstance(x, BaseModel) for x in (*old, *new)):  # words or dates: one change
            yield "changed", steps, at, old, new
            return
        old_keys, new_keys = [str(i) for i in range(len(old))], [str(i) for i in range(len(new))]
    head_index = {key: index for index, key in enumerate(new_keys)}
    for index, key in enumerate(old_keys):
        label = item_label(old[index], key)
        inner = (*steps[:-1], Step(steps[-1].field, label))
        if key not in head_index:
            yield "removed", inner, at, old[index], None
        else:
            yield from walk(old[index], new[head_index[key]], inner, (*at, head_index[key]))
    known = set(old_keys)
    for index, key in enumerate(new_keys):
        if key not in known:
            inner = (*steps[:-1], Step(steps[-1].field, item_label(new[index], key)))
            yield "added", inner, (*at, index), None, new[index]


def _keys(items: list[Any]) -> list[str] | None:
    """Each item's key, or None when some item has none or two share one (then items go by position)."""
    keys = [item_key(item) for item in items]
    present = [key for key in keys if key is not None]
    return present if len(present) == len(items) and len(set(present)) == len(present) else None


def item_key(item: object) -> str | None:
    """What identifies a list item across revisions: its id, a column's name, a check's kind."""
    if not isinstance(item, BaseModel):
        return None
    for attribute in ("id", "name"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and attribute in type(item).model_fields:
            return value
    check = getattr(item, "check", None)
    if isinstance(check, str):
        column = getattr(item, "column", None)
        return f"{check}:{column}" if column else check
    return None


def item_label(item: object, key: str) -> str | None:
    """How an item is named in a sentence: its label, name or term; a bare position gets none."""
    for attribute in ("label", "name", "term"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value
    return None if key.isdigit() else key


def _whole(
    kind: ChangeKind, definition: Definition, before: str | None, after: str | None, old_id: str | None = None
) -> Change:
    ja, en = change_words(
        kind,
        definition.entity,
        definition.subject,
        (),
        before,
        after,
        ValueContext(definition.entity, definition.spec),
    )
    line = definition.loaded.at("id").line if kind == "renamed" else 1
    category = classify(definition.entity, kind, ())
    return Change(
        kind,
        definition.entity,
        definition.id,
        (),
        before,
        after,
        category,
        definition.loaded.file,
        line,
        ja,
        en,
        old_id,
    )
