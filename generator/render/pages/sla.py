"""The SLA: the contract rendered for humans, and how well it is kept (compliance from the data)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.measurement import Histogram, SlaReport
from ...model.project import Project
from ...model.sla import Sla
from ..chart_slots import SlaCharts, sla_charts
from ..environment import render
from ..formatting import format_date, format_value, suppressed_text, suppression_note
from ..formula import FormulaWriter
from ..inputs import SiteInputs
from ..links import Links, sla_page
from ..text import md_link
from ..views import team_name
from .common import segment_label
from .sla_compliance import (
    Headline,
    Windows,
    compliance_kpi,
    headline,
    target_value,
    team_total,
    week_rows,
    windows,
)

WEEKDAYS = {"mon": "月", "tue": "火", "wed": "水", "thu": "木", "fri": "金", "sat": "土", "sun": "日"}


@dataclass(frozen=True)
class ComplianceView:
    report: SlaReport
    charts: SlaCharts
    headline: Headline
    windows: Windows
    kpi_link: Markup | None  # the KPI page whose computation every figure here is
    weeks: list[tuple[str, str, str]]
    teams: list[tuple[str, str, str]]
    teams_total: tuple[str, str]
    teams_note: str | None
    speed_bins: list[tuple[str, int]]
    rule_only: int
    record_only: int


@dataclass(frozen=True)
class SlaContext:
    sla: Sla
    effective: str
    mql_agreed_by: str
    sql_agreed_by: str
    workdays: str
    holidays: str
    signatories: list[tuple[str, str, str, str]]
    responsibilities: list[tuple[str, str]]
    compliance: ComplianceView | None
    conditions: dict[str, Markup]


def _edge(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def _bins(histogram: Histogram, unit: str) -> list[tuple[str, int]]:
    edges = histogram.edges
    return [
        (f"{_edge(edges[i])}〜{_edge(edges[i + 1])}{unit}", count) for i, count in enumerate(histogram.counts)
    ]


def sla_team_names(project: Project, report: SlaReport) -> dict[str, str]:
    return {s.key: team_name(project, s.key) for s in sorted(report.compliance_by_team, key=lambda s: s.key)}


def _compliance(sla: Sla, report: SlaReport, inputs: SiteInputs) -> ComplianceView:
    project = inputs.project
    k = inputs.k_anonymity
    teams = [
        (
            team_name(project, s.key) if project.team_ids() else segment_label(s.key),
            suppressed_text(k) if s.suppressed else format_value(s.value, "percent", 1),
            "—" if s.suppressed or s.denominator is None else f"{s.denominator:,.0f}件",
        )
        for s in sorted(report.compliance_by_team, key=lambda s: s.key)
    ]
    names = sla_team_names(project, report)
    as_of = inputs.measurements.as_of
    kpi = compliance_kpi(project, sla.id)
    return ComplianceView(
        report=report,
        charts=sla_charts(report, names, target_value(kpi, as_of), inputs.chart_cache, as_of),
        headline=headline(report, kpi, as_of),
        windows=windows(report, as_of),
        kpi_link=md_link(kpi.name, Links(sla_page(sla.id)).kpi(kpi.id)) if kpi else None,
        weeks=week_rows(report, as_of),
        teams=teams,
        teams_total=team_total(report, as_of),
        teams_note=suppression_note(k) if any(s.suppressed for s in report.compliance_by_team) else None,
        speed_bins=_bins(report.speed_to_lead_hours, "営業時間"),
        rule_only=report.rule_derived_mqls - report.both,
        record_only=report.recorded_mqls - report.both,
    )


def sla_context(sla: Sla, inputs: SiteInputs) -> SlaContext:
    project = inputs.project
    report = next((r for r in inputs.measurements.slas if r.sla_id == sla.id), None)
    until = format_date(sla.effective_until) if sla.effective_until else "定めなし"
    closed = [format_date(d) for d in sorted(sla.calendar.extra_closed_days)]
    return SlaContext(
        sla=sla,
        effective=f"{format_date(sla.effective_from)} 〜 {until}",
        mql_agreed_by="・".join(team_name(project, t) for t in sla.mql.agreed_by),
        sql_agreed_by="・".join(team_name(project, t) for t in sla.sql.agreed_by),
        workdays="・".join(WEEKDAYS[d] for d in sla.calendar.workdays),
        holidays="日本の祝日" + (f"、{'、'.join(closed)}" if closed else ""),
        signatories=[
            (team_name(project, s.team), s.person, s.role, format_date(s.signed_on)) for s in sla.signatories
        ],
        responsibilities=[(team_name(project, t), text) for t, text in sorted(sla.responsibilities.items())],
        compliance=_compliance(sla, report, inputs) if report else None,
        conditions=_conditions(sla, FormulaWriter(project, Links(sla_page(sla.id)))),
    )


def _conditions(sla: Sla, writer: FormulaWriter) -> dict[str, Markup]:
    """Every filter of the contract read in Japanese, keyed by where it appears (``mql.<id>`` …)."""
    leads, both = ("leads",), ("activities", "leads")
    found = {f"mql.{c.id}": writer.condition(leads, c.filter) for c in sla.mql.criteria}
    found |= {f"sql.{c.id}": writer.condition(leads, c.filter) for c in sla.sql.criteria}
    found |= {f"rule.{r.id}": writer.condition(both, r.filter) for r in sla.scoring.rules if r.filter}
    found |= {f"hot.{t.id}": writer.condition(both, t.filter) for t in sla.hot_lead_triggers if t.filter}
    found |= {f"dq.{d.id}": writer.condition(both, d.filter) for d in sla.disqualifiers}
    return found


def render_sla(sla: Sla, inputs: SiteInputs) -> str:
    return render("sla.md.j2", page=sla_context(sla, inputs))
