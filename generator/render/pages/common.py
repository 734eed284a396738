"""Small pieces several pages share: term links, segment labels, check results."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.check_result import CheckResult
from ...model.glossary import Term
from ...model.project import Project
from ..formatting import value_label
from ..links import Links
from ..text import md_link, md_text


def find_term(project: Project, name: str) -> Term | None:
    """A glossary term by its id, its written form or a synonym (case-insensitive)."""
    wanted = name.strip().casefold()
    for term in project.terms():
        names = {term.id, term.term, *term.synonyms}
        if wanted in {n.casefold() for n in names}:
            return term
    return None


def related_terms(names: list[str], project: Project, links: Links) -> list[Markup]:
    found = []
    for name in names:
        term = find_term(project, name)
        found.append(md_link(term.term, links.term(term.id)) if term else md_text(name))
    return found


def segment_label(key: str) -> str:
    """A segment key in Japanese (``webinar`` → ウェビナー); unknown keys as written."""
    return value_label(key)


@dataclass(frozen=True)
class CheckRow:
    result: CheckResult
    link: str
    outcome: str
    counts: str


def check_row(result: CheckResult, links: Links) -> CheckRow:
    return CheckRow(result, links.check(result.check_id), check_outcome(result), check_counts(result))


def check_rows(results: list[CheckResult], links: Links) -> list[CheckRow]:
    return [check_row(r, links) for r in sorted(results, key=lambda r: r.check_id)]


def check_outcome(result: CheckResult) -> str:
    return "✅ 合格" if result.success else "❌ 不合格"


def check_counts(result: CheckResult) -> str:
    """Rows of a table check in 件; a KPI check counts periods, so it says 期間."""
    if result.unexpected_count is None:
        return "—"
    unit = "期間" if result.subject_kind == "kpi" else "件"
    if result.element_count is None:
        return f"{result.unexpected_count:,}{unit}"
    return f"{result.unexpected_count:,} / {result.element_count:,}{unit}"
