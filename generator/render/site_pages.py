"""Render every generated page (docs-relative path → Markdown), the navigation, and the build summary."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from ..model.measurement import MeasurementSet
from ..model.project import Project
from .chart_slots import ChartJob, funnel_jobs, kpi_jobs, sla_jobs
from .formatting import STAGE_LABELS, STAGE_ORDER, displayed
from .inputs import SiteInputs
from .kpi_csv import kpi_csv_files
from .links import (
    CHANGES,
    CHECKLISTS,
    DATA_MODEL,
    FUNNEL,
    GLOSSARY,
    HOME,
    KPI_INDEX,
    PHASES,
    QUALITY,
    RULES,
    SLA_INDEX,
    TREE,
    kpi_page,
    sla_page,
)
from .pages.catalogue import render_kpi_index, render_phases, render_sla_index
from .pages.changes import render_change_log, render_since_last
from .pages.checklists import render_checklists
from .pages.funnel import funnel_channel_names, render_funnel
from .pages.home import render_home
from .pages.kpi import render_kpi_page
from .pages.quality import render_quality
from .pages.reference import render_data_model, render_glossary, render_rules
from .pages.sla import render_sla, sla_team_names
from .pages.sla_compliance import compliance_kpi, target_value
from .pages.tree import render_tree
from .views import kpi_maturity, kpi_views

NavItem = str | dict[str, Any]


@dataclass(frozen=True)
class RenderedSite:
    pages: dict[str, str]
    nav: list[NavItem]
    summary_json: str
    files: dict[str, str] = field(default_factory=dict)  # docs-relative path → text: the KPIs' CSV files


def render_site(inputs: SiteInputs, hand_written: tuple[str, ...] = ()) -> RenderedSite:
    """Every page of the site as Markdown; ``hand_written`` pages (docs-relative) join the navigation."""
    project = inputs.project
    pages = {
        HOME: render_home(inputs),
        TREE: render_tree(inputs),
        KPI_INDEX: render_kpi_index(inputs),
        FUNNEL: render_funnel(inputs),
        SLA_INDEX: render_sla_index(inputs),
        CHECKLISTS: render_checklists(inputs),
        PHASES: render_phases(inputs),
        GLOSSARY: render_glossary(inputs),
        QUALITY: render_quality(inputs),
        RULES: render_rules(inputs),
        DATA_MODEL: render_data_model(inputs),
        CHANGES: render_change_log(inputs),
    }
    files: dict[str, str] = {}
    for loaded in project.kpis:
        since = render_since_last("kpi", loaded.spec.id, inputs.change_log)
        pages[kpi_page(loaded.spec.id)] = render_kpi_page(loaded.spec, inputs) + since
        csv_files = kpi_csv_files(loaded.spec, inputs)
        if csv_files is not None:
            files[csv_files.series_path] = csv_files.series
            files[csv_files.segments_path] = csv_files.segments
    for sla in project.slas:
        since = render_since_last("sla", sla.spec.id, inputs.change_log)
        pages[sla_page(sla.spec.id)] = render_sla(sla.spec, inputs) + since
    return RenderedSite(
        pages=dict(sorted(pages.items())),
        nav=navigation(inputs, hand_written),
        summary_json=summary_json(inputs),
        files=dict(sorted(files.items())),
    )


def chart_jobs(project: Project, measurements: MeasurementSet) -> list[ChartJob]:
    """Every chart the pages will show (same jobs, same keys), so they can be drawn ahead of the pages."""
    as_of = measurements.as_of
    jobs = [
        job
        for k in project.kpis
        for job in kpi_jobs(k.spec, measurements.kpis.get(k.spec.id), as_of, kpi_maturity(k.spec, project))
    ]
    if measurements.funnel is not None:
        jobs += funnel_jobs(measurements.funnel, funnel_channel_names(measurements.funnel)).values()
    for report in measurements.slas:
        # The target the SLA page draws with, so the page finds these charts already drawn.
        target = target_value(compliance_kpi(project, report.sla_id), as_of)
        jobs += sla_jobs(report, sla_team_names(project, report), target, as_of).values()
    return jobs


def nav_title(text: str) -> str:
    """A navigation title from a definition, HTML-escaped: MkDocs and Material print nav titles (and
    the page's <title>) without escaping them."""
    return html.escape(text, quote=True)


def navigation(inputs: SiteInputs, hand_written: tuple[str, ...] = ()) -> list[NavItem]:
    """The site's menu: overview pages first, KPIs grouped by funnel stage, references last."""
    kpis = sorted(inputs.project.kpis, key=lambda k: (STAGE_ORDER.index(k.spec.stage), k.spec.id))
    kpi_section: list[NavItem] = [KPI_INDEX]
    for stage in STAGE_ORDER:
        members = [{nav_title(k.spec.name): kpi_page(k.spec.id)} for k in kpis if k.spec.stage == stage]
        if members:
            kpi_section.append({STAGE_LABELS[stage]: members})
    slas: list[NavItem] = [SLA_INDEX]
    slas += [
        {nav_title(s.spec.name): sla_page(s.spec.id)}
        for s in sorted(inputs.project.slas, key=lambda s: s.spec.id)
    ]
    references: list[NavItem] = [{"変更履歴": CHANGES}, {"検証ルール": RULES}, {"データモデル": DATA_MODEL}]
    references += list(hand_written)
    return [
        {"ホーム": HOME},
        {"KPIツリー": TREE},
        {"KPI": kpi_section},
        {"ファネル": FUNNEL},
        {"SLA": slas},
        {"チェックリスト": CHECKLISTS},
        {"成熟度フェーズ": PHASES},
        {"用語集": GLOSSARY},
        {"データ品質": QUALITY},
        {"リファレンス": references},
    ]


def summary_json(inputs: SiteInputs) -> str:
    """What the next build compares against (``assets/kpi-summary.json``): aggregates only, sorted."""
    kpis = {
        view.kpi.id: {
            "period": view.latest.period if view.latest else None,
            # At the precision the page shows (the file is published with the site); withheld (None)
            # while a data problem blocks the KPI.
            "value": displayed(view.value, view.kpi.unit, view.kpi.decimals),
            "status": view.status.code,
        }
        for view in kpi_views(inputs)
    }
    summary = {
        "as_of": inputs.measurements.as_of.isoformat(),
        "data_fingerprint": inputs.measurements.data_fingerprint,
        "kpis": dict(sorted(kpis.items())),
        "failed_checks": sorted(r.check_id for r in inputs.checks.failed),
    }
    return json.dumps(summary, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
