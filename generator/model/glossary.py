"""The shared glossary (共通言語): terms with reading, expansion, definition and related KPIs."""

from __future__ import annotations

from pydantic import Field

from .base import Identifier, NonEmptyText, ShortText, Spec


class Term(Spec):
    id: Identifier
    term: ShortText
    reading: ShortText = Field(description="よみ (hiragana/katakana)")
    expansion: ShortText | None = Field(default=None, description="What an abbreviation stands for")
    english: ShortText
    definition: NonEmptyText
    synonyms: list[ShortText] = []
    related_kpis: list[Identifier] = []


class Glossary(Spec):
    terms: list[Term] = Field(min_length=1)
