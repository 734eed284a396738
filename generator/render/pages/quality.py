"""Data quality: every check with its result, and coverage (which tables and KPIs have which checks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ...model.check_result import CheckResult
from ..environment import render
from ..inputs import SiteInputs
from ..links import QUALITY, Links, check_anchor
from ..text import md_link, md_text
from .common import CheckRow, check_row


@dataclass(frozen=True)
class Matrix:
    rules: list[str]
    rows: list[tuple[Markup, list[str]]]


@dataclass(frozen=True)
class SubjectChecks:
    title: Markup
    anchor: str
    rows: list[tuple[str, CheckRow]]


@dataclass(frozen=True)
class QualityContext:
    total: int
    passed: int
    failed: int
    table_matrix: Matrix
    kpi_matrix: Matrix
    tables: list[SubjectChecks]
    kpis: list[SubjectChecks]


def _cell(declared: int, results: list[CheckResult]) -> str:
    if results:
        return "❌" if any(not r.success for r in results) else "✅"
    return "○" if declared else ""


def _matrix(subjects: list[tuple[Markup, str, list[str]]], kind: str, results: list[CheckResult]) -> Matrix:
    """``subjects``: (label, id, declared rule names) in display order."""
    by_key: dict[tuple[str, str], list[CheckResult]] = {}
    for r in results:
        if r.subject_kind == kind:
            by_key.setdefault((r.subject, r.rule), []).append(r)
    rules = sorted({rule for _, _, declared in subjects for rule in declared} | {rule for _, rule in by_key})
    rows = [
        (label, [_cell(declared.count(rule), by_key.get((subject, rule), [])) for rule in rules])
        for label, subject, declared in subjects
    ]
    return Matrix(rules, rows)


def _subject_checks(
    title: Markup, anchor: str, results: Iterable[CheckResult], links: Links
) -> SubjectChecks:
    ordered = sorted(results, key=lambda r: r.check_id)
    return SubjectChecks(title, anchor, [(check_anchor(r.check_id), check_row(r, links)) for r in ordered])


def quality_context(inputs: SiteInputs) -> QualityContext:
    links = Links(QUALITY)
    results = list(inputs.checks.results)
    project = inputs.project
    tables = list(project.sources.spec.tables) if project.sources else []
    kpis = sorted((k.spec for k in project.kpis), key=lambda k: k.id)
    table_subjects = [
        (md_link(t.id, links.table(t.id)), t.id, [str(c.check) for c in t.checks]) for t in tables
    ]
    kpi_subjects = [(md_link(k.name, links.kpi(k.id)), k.id, [str(c.check) for c in k.checks]) for k in kpis]
    known_tables = {t.id for t in tables}
    extra_tables = sorted({r.subject for r in results if r.subject_kind == "table"} - known_tables)
    return QualityContext(
        total=len(results),
        passed=sum(1 for r in results if r.success),
        failed=sum(1 for r in results if not r.success),
        table_matrix=_matrix(table_subjects, "table", results),
        kpi_matrix=_matrix(kpi_subjects, "kpi", results),
        tables=[
            _subject_checks(
                md_text(t),
                f"checks-table-{t}",
                (r for r in results if r.subject_kind == "table" and r.subject == t),
                links,
            )
            for t in [*(t.id for t in tables), *extra_tables]
        ],
        kpis=[
            _subject_checks(
                md_link(k.name, links.kpi(k.id, "checks")),
                f"checks-kpi-{k.id}",
                (r for r in results if r.subject_kind == "kpi" and r.subject == k.id),
                links,
            )
            for k in kpis
        ],
    )


def render_quality(inputs: SiteInputs) -> str:
    return render("quality.md.j2", page=quality_context(inputs))
