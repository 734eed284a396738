"""TXT001 unknown-reference."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from ..model.text_refs import Reference, find_references
from .base import Rule
from .lookup import did_you_mean, kpi_missing
from .texts import ProseField, prose_fields

_SYNTAX_JA = "{{KPIのid@2026-08}}(その期間の計測値)か {{KPIのid@target}}(有効な目標)の形で書いてください"
_SYNTAX_EN = "write {{kpi_id@2026-08}} (the value measured in that period) or {{kpi_id@target}} (the target)"
_PERIODS_JA = "月 2026-08・週 2026-W14・四半期 FY2026-Q1・年度 FY2026"
_PERIODS_EN = "month 2026-08, week 2026-W14, quarter FY2026-Q1, fiscal year FY2026"
_GRAIN_LABELS = {"month": "月", "week": "週", "quarter": "四半期", "fiscal_year": "年度"}
_GRAIN_EXAMPLES = {"month": "2026-08", "week": "2026-W14", "quarter": "FY2026-Q1", "fiscal_year": "FY2026"}


class UnknownReference(Rule):
    """A reference in a rationale or a review note (``{{kpi_id@period}}`` or ``{{kpi_id@target}}``) names
    an existing KPI and a period spelled at that KPI's grain, so the page can print the figure from data.

    Bad::

        observation: 8月は {{mql_to_sql_rat@2026-8}} まで下がった

    Good::

        observation: 8月は {{mql_to_sql_rate@2026-08}} まで下がった
    """

    code = "TXT001"
    name = "unknown-reference"
    title_ja = "参照先の KPI と期間がある"
    summary_ja = (
        "根拠やレビューの文中の {{KPI@期間}} は、metrics/ にある KP"
        "I と、その KPI の集計単位で書いた期間(2026-08、2026-W14、"
        "FY2026-Q1、FY2026)か target を指すこと。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        known = [kpi.spec.id for kpi in project.kpis]
        for field in prose_fields(project):
            for reference in find_references(field.text):
                problem = self._problem(field, reference, project, known)
                if problem is not None:
                    yield problem

    def _problem(self, field: ProseField, ref: Reference, project: Project, known: list[str]) -> Issue | None:
        where, name = field.location, field.label
        if ref.problem == "syntax":
            return self.issue(
                where,
                f"{name} の参照「{ref.raw}」を読めません — {_SYNTAX_JA}",
                f"{name}: cannot read the reference '{ref.raw}' — {_SYNTAX_EN}",
            )
        loaded = project.kpi(ref.kpi_id)
        if loaded is None:
            if not kpi_missing(project, ref.kpi_id):
                return None  # its file is broken; that file's own error says why
            hint_ja, hint_en = did_you_mean(ref.kpi_id, known)
            return self.issue(
                where,
                f"{name} の参照「{ref.raw}」の KPI「{ref.kpi_id}」がありません{hint_ja}"
                " — metrics/ にある KPI の id を書いてください",
                f"{name}: the reference '{ref.raw}' names no KPI '{ref.kpi_id}'{hint_en}"
                " — use the id of a KPI in metrics/",
            )
        if ref.problem == "period":
            return self.issue(
                where,
                f"{name} の参照「{ref.raw}」の期間「{ref.period}」を読めません — {_PERIODS_JA} の形か target",
                f"{name}: the reference '{ref.raw}' has no readable period '{ref.period}'"
                f" — use {_PERIODS_EN}, or target",
            )
        grain = loaded.spec.grain
        if ref.grain is not None and ref.grain != grain:
            example = _GRAIN_EXAMPLES[grain]
            return self.issue(
                where,
                f"{name} の参照「{ref.raw}」: KPI「{ref.kpi_id}」は{_GRAIN_LABELS[grain]}ごとに計測するので"
                f"、期間「{ref.period}」の値はありません — {example} の形で書いてください",
                f"{name}: the reference '{ref.raw}': KPI '{ref.kpi_id}' is measured by {grain},"
                f" so it has no value for '{ref.period}' — write the period like {example}",
            )
        return None
