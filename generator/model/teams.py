"""Teams that own KPIs, checklist items and SLA clauses."""

from __future__ import annotations

from pydantic import Field

from .base import Identifier, ShortText, Spec


class Team(Spec):
    id: Identifier
    name: ShortText
    name_en: ShortText
    members: list[ShortText] = []


class Teams(Spec):
    teams: list[Team] = Field(min_length=1)
