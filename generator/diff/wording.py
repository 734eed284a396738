"""Each change as one plain line in Japanese and English: 「MQL の閾値: 60点 → 70点」.

Values are shown in the unit the reader knows (a KPI's percent, yen or count; SLA points and
business hours). A person's name is never shown, only that it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from ..model.field_words import FIELD_NAMES, PATH_NAMES, Words
from ..model.kpi import Kpi, Target
from ..render.formatting import DIRECTION_LABELS, format_value
from .changes import ChangeKind, Entity, Step

ENTITY_NAMES: dict[Entity, Words] = {
    "kpi": ("KPI", "KPI"),
    "sla": ("SLA", "SLA"),
    "checklist": ("チェックリスト", "checklist"),
    "glossary": ("用語集", "glossary"),
    "teams": ("チーム定義", "teams"),
    "sources": ("データソース定義", "data sources"),
    "tree": ("KPI ツリー", "KPI tree"),
    "settings": ("設定(kpi.yml)", "settings (kpi.yml)"),
}


PERSONAL_FIELDS = frozenset({"person", "members", "signatories"})
PERSONAL_UNDER = {"reviews": "owner"}  # a review's owner is a person, a KPI's owner a team
HIDDEN: Words = ("(個人名のため表示しません)", "(a person's name; not shown)")
NONE: Words = ("なし", "none")
MAX_TEXT = 160


def path_words(entity: Entity, steps: Sequence[Step]) -> Words:
    """「スコアリングのルール「資料DL」の点数」 / "scoring › rule “資料DL” › points"."""
    named = PATH_NAMES.get((entity, tuple(step.field for step in steps)))
    if named is not None:
        return named
    ja_parts, en_parts = [], []
    for step in steps:
        ja, en = FIELD_NAMES.get(step.field, (step.field, step.field))
        if step.label is not None:
            ja, en = f"{ja}「{_short(step.label)}」", f"{en} “{_short(step.label)}”"
        ja_parts.append(ja)
        en_parts.append(en)
    return "の".join(ja_parts), " › ".join(en_parts)


def change_words(
    kind: ChangeKind,
    entity: Entity,
    subject: Words,
    steps: Sequence[Step],
    before: object,
    after: object,
    context: ValueContext,
) -> Words:
    """The whole line for one change."""
    kind_ja, kind_en = ENTITY_NAMES[entity]
    if not steps:
        if kind == "added":
            return f"{kind_ja}「{subject[0]}」を追加", f"{kind_en} “{subject[1]}” added"
        if kind == "removed":
            return f"{kind_ja}「{subject[0]}」を削除", f"{kind_en} “{subject[1]}” removed"
        space = " " if kind_ja[-1].isascii() else ""  # 「KPI の ID」, 「チェックリストの ID」
        return (
            f"{kind_ja}{space}の ID を変更: {before} → {after}(「{subject[0]}」)",
            f"{kind_en} id renamed: {before} → {after} (“{subject[1]}”)",
        )
    where_ja, where_en = path_words(entity, steps)
    if (entity, tuple(step.field for step in steps)) not in PATH_NAMES:
        where_ja, where_en = f"{subject[0]}の{where_ja}", f"{subject[1]} — {where_en}"
    personal = is_personal(tuple(step.field for step in steps))
    if kind == "added":
        shown = show(after, context, steps)
        return f"{where_ja}を追加: {shown[0]}", f"{where_en} added: {shown[1]}"
    if kind == "removed":
        shown = show(before, context, steps)
        return f"{where_ja}を削除: {shown[0]}", f"{where_en} removed: {shown[1]}"
    if personal:
        return f"{where_ja}を変更 {HIDDEN[0]}", f"{where_en} changed {HIDDEN[1]}"
    old, new = show(before, context, steps), show(after, context, steps)
    return f"{where_ja}: {old[0]} → {new[0]}", f"{where_en}: {old[1]} → {new[1]}"


class ValueContext:
    """How numbers of one definition read: a KPI's unit; SLA points and hours."""

    def __init__(self, entity: Entity, spec: BaseModel) -> None:
        self.entity = entity
        self.kpi = spec if isinstance(spec, Kpi) else None

    def number(self, value: float, fields: tuple[str, ...]) -> Words:
        if self.kpi is not None and fields and fields[0] in ("targets", "thresholds"):
            text = format_value(value, self.kpi.unit, self.kpi.decimals, self.kpi.currency)
            return text, text
        if self.entity == "sla" and fields and fields[-1] in ("threshold", "points"):
            return f"{_plain(value)}点", f"{_plain(value)} points"
        if self.entity == "sla" and fields and fields[0] == "response_deadline":
            return f"{_plain(value)}営業時間", f"{_plain(value)} business hours"
        return _plain(value), _plain(value)


def show(value: object, context: ValueContext, steps: Sequence[Step]) -> Words:
    """A value as a reader sees it, in both languages."""
    fields = tuple(step.field for step in steps)
    if is_personal(fields):
        return HIDDEN
    if value is None:
        return NONE
    if isinstance(value, bool):
        return ("はい", "yes") if value else ("いいえ", "no")
    if isinstance(value, int | float):
        return context.number(float(value), fields)
    if isinstance(value, dt.date):
        return value.isoformat(), value.isoformat()
    if isinstance(value, str):
        return f"「{_short(value)}」", f"“{_short(value)}”"
    if isinstance(value, Target):
        return _target(value, context)
    if isinstance(value, BaseModel):
        return _model(value, context, steps)
    if isinstance(value, list | tuple):
        parts = [show(item, context, steps) for item in value]
        return "、".join(p[0] for p in parts) or NONE[0], ", ".join(p[1] for p in parts) or NONE[1]
    if isinstance(value, dict):
        pairs = [(str(key), show(item, context, steps)) for key, item in value.items()]
        return "、".join(f"{k}: {v[0]}" for k, v in pairs), ", ".join(f"{k}: {v[1]}" for k, v in pairs)
    return _short(str(value)), _short(str(value))


def is_personal(fields: tuple[str, ...]) -> bool:
    """A person's name is at this path (owner.person, members, signatories, reviews' owner)."""
    if any(field in PERSONAL_FIELDS for field in fields):
        return True
    return any(PERSONAL_UNDER.get(field) in fields[index + 1 :] for index, field in enumerate(fields))


def _target(target: Target, context: ValueContext) -> Words:
    value = context.number(target.value, ("targets",))[0]
    direction_en = target.direction.replace("_", " ")
    deadline = target.deadline.isoformat()
    span_ja, span_en = _span(target)
    return (
        f"{value}{DIRECTION_LABELS[target.direction]}({span_ja}期限 {deadline})",
        f"{direction_en} {value} ({span_en}by {deadline})",
    )


TARGET_SPANS = {
    "fiscal_year": ("年度", "a fiscal year"),
    "quarter": ("四半期", "a quarter"),
    "month": ("月", "a month"),
    "week": ("週", "a week"),
}


def _span(target: Target) -> Words:
    """The span the value totals, with a comma: 100 a year and 100 a month are different targets."""
    if target.period == "cumulative":
        ja, en = f"{target.start} からの累計", f"cumulative from {target.start}"
    elif target.period in TARGET_SPANS:
        ja, en = TARGET_SPANS[target.period]
    else:
        return "", ""
    if target.seasonality:
        ja, en = f"{ja}・季節性あり", f"{en}, seasonal"
    return f"{ja}、", f"{en}, "


def _model(model: BaseModel, context: ValueContext, steps: Sequence[Step]) -> Words:
    """A small model as ``key=value`` pairs of what was written (defaults left out)."""
    ja_parts, en_parts = [], []
    for name in model.model_fields_set or type(model).model_fields:
        inner = [*steps, Step(name)]
        ja, en = show(getattr(model, name), context, inner)
        label_ja, label_en = FIELD_NAMES.get(name, (name, name))
        ja_parts.append(f"{label_ja} {ja}")
        en_parts.append(f"{label_en} {en}")
    return "(" + "、".join(ja_parts) + ")", "(" + ", ".join(en_parts) + ")"


def _plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 1] + "…"
