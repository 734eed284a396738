"""Checklists (nurture design, data readiness): items with an owner, a state and evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Identifier, NonEmptyText, ShortText, Spec

ItemState = Literal["done", "in_progress", "not_started", "not_applicable"]
EvidenceKind = Literal["kpi", "sla", "data_check", "table", "glossary", "document"]


class Evidence(Spec):
    """What proves an item: a KPI, an SLA clause (dotted path), a data check, a table, or a document link."""

    kind: EvidenceKind
    ref: ShortText
    note: ShortText | None = None


class ChecklistItem(Spec):
    id: Identifier
    text: NonEmptyText
    owner: Identifier
    state: ItemState
    evidence: list[Evidence] = []


class Checklist(Spec):
    id: Identifier
    name: ShortText
    name_en: ShortText
    description: NonEmptyText
    items: list[ChecklistItem] = Field(min_length=1)
