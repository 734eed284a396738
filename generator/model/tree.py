"""The KPI tree's top: the KGI and its key success factors. Edges live in each KPI's ``tree``."""

from __future__ import annotations

from pydantic import Field

from .base import Identifier, NonEmptyText, ShortText, Spec


class Ksf(Spec):
    """A key success factor: what must go right; measured by the KPIs that name it."""

    id: Identifier
    name: ShortText
    description: NonEmptyText


class KpiTree(Spec):
    kgi: Identifier
    name: ShortText
    description: NonEmptyText
    ksfs: list[Ksf] = Field(min_length=1)
