"""GLO002 unknown-term."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import GLOSSARY_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, normalise


class UnknownTerm(Rule):
    """A KPI's ``terms`` are in the glossary (as a term, a synonym or a term id), so every page can
    explain them; full-width, half-width and case do not matter.

    Bad::

        terms: [MQL, ナーチャリンク]

    Good::

        terms: [MQL, ナーチャリング]
    """

    code = "GLO002"
    name = "unknown-term"
    title_ja = "KPI の用語が用語集にある"
    summary_ja = (
        "KPI の terms が用語集に(用語・同義語・用語 id のどれかとして)あること。全角・半角と大文字"
        "・小文字は区別しません。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if project.glossary is None:
            return
        words: dict[str, str] = {}
        for term in project.terms():
            for word in (term.term, term.id, *term.synonyms):
                words.setdefault(normalise(word), term.term)
        for kpi in project.kpis:
            for i, word in enumerate(kpi.spec.terms):
                if normalise(word) not in words:
                    hint_ja, hint_en = did_you_mean(word, (t.term for t in project.terms()))
                    yield self.issue(
                        kpi.at("terms", i),
                        f"用語「{word}」が {GLOSSARY_FILE} にありません{hint_ja}"
                        " — 用語集に追加するか、登録済みの用語・同義語に直してください",
                        f"term '{word}' is not in {GLOSSARY_FILE}{hint_en}"
                        " — add it to the glossary or use a listed term or synonym",
                    )
