"""Funnel: volumes and stage-to-stage conversion by lead-creation cohort, overall and per channel."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ...model.compute import Conversion
from ...model.kpi import Kpi
from ...model.measurement import Funnel, FunnelStage
from ..chart_slots import funnel_charts
from ..environment import render
from ..formatting import FUNNEL_STAGE_LABELS, format_date, format_kpi_value, format_value
from ..inputs import SiteInputs
from ..links import FUNNEL, Links
from ..period_text import format_period
from ..text import md_link
from .common import segment_label


@dataclass(frozen=True)
class StageRow:
    stage: str
    count: str
    conversion: str


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    cells: list[str]


@dataclass(frozen=True)
class CohortTable:
    """Stage conversions by cohort month: every unfiltered cohort-conversion KPI over leads."""

    columns: list[Markup]
    rows: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class FunnelContext:
    as_of: str
    overall: list[StageRow]
    stages: list[str]
    channels: list[ChannelRow]
    overall_chart: Markup
    channel_chart: Markup
    cohorts: CohortTable
    unrecorded: list[str] = field(default_factory=list)  # stages the data never records


def stage_rows(stages: tuple[FunnelStage, ...]) -> list[StageRow]:
    return [
        StageRow(
            FUNNEL_STAGE_LABELS.get(s.stage, s.stage),
            f"{s.count:,}件",
            format_value(s.conversion_from_previous, "percent", 1),
        )
        for s in stages
    ]


def _channel_cells(stages: tuple[FunnelStage, ...], order: list[str]) -> list[str]:
    by_stage = {s.stage: s for s in stages}
    cells = []
    for name in order:
        stage = by_stage.get(name)
        if stage is None:
            cells.append("—")
            continue
        rate = format_value(stage.conversion_from_previous, "percent", 1)
        cells.append(f"{stage.count:,}件" + ("" if stage.conversion_from_previous is None else f"({rate})"))
    return cells


def funnel_channel_names(funnel: Funnel) -> dict[str, str]:
    return {key: segment_label(key) for key in sorted(funnel.by_channel)}


def funnel_context(inputs: SiteInputs) -> FunnelContext:
    funnel = inputs.measurements.funnel
    as_of = format_date(inputs.measurements.as_of)
    cohorts = cohort_table(inputs)
    if funnel is None:
        return FunnelContext(as_of, [], [], [], Markup(""), Markup(""), cohorts)
    order = [s.stage for s in funnel.overall]
    channel_names = funnel_channel_names(funnel)
    charts = funnel_charts(funnel, channel_names, inputs.chart_cache)
    return FunnelContext(
        as_of=as_of,
        overall=stage_rows(funnel.overall),
        stages=[FUNNEL_STAGE_LABELS.get(s, s) for s in order],
        channels=[
            ChannelRow(channel_names[key], _channel_cells(stages, order))
            for key, stages in sorted(funnel.by_channel.items())
        ],
        overall_chart=charts.overall,
        channel_chart=charts.by_channel,
        cohorts=cohorts,
        unrecorded=[FUNNEL_STAGE_LABELS.get(s, s) for s in funnel.unrecorded],
    )


def cohort_table(inputs: SiteInputs, periods: int = 12) -> CohortTable:
    """Rows are cohort periods (newest first), columns the funnel's stage conversions in stage order."""
    leads = inputs.project.table("leads")
    order = [c.name for c in leads.columns] if leads else []
    stages = [
        k.spec
        for k in inputs.project.kpis
        if isinstance(k.spec.compute, Conversion)
        and k.spec.compute.table == "leads"
        and not k.spec.compute.filter
    ]
    stages.sort(key=lambda k: _stage_position(k, order))
    links = Links(FUNNEL)
    series = {k.id: inputs.measurements.kpis[k.id].series for k in stages if k.id in inputs.measurements.kpis}
    labels = sorted({p.period for points in series.values() for p in points}, reverse=True)[:periods]
    rows = []
    for label in labels:
        grain = next(k.grain for k in stages if any(p.period == label for p in series.get(k.id, ())))
        cells = []
        for kpi in stages:
            point = next((p for p in series.get(kpi.id, ()) if p.period == label), None)
            value = format_kpi_value(kpi, point.value if point else None)
            size = f"(母数 {point.denominator:,.0f})" if point and point.denominator is not None else ""
            cells.append(value + size)
        rows.append((format_period(label, grain), cells))
    return CohortTable([md_link(k.name, links.kpi(k.id)) for k in stages], rows)


def _stage_position(kpi: Kpi, order: list[str]) -> tuple[int, int, str]:
    compute = kpi.compute
    assert isinstance(compute, Conversion)
    position = {name: i for i, name in enumerate(order)}
    return (position.get(compute.cohort, 99), position.get(compute.converted, 99), kpi.id)


def render_funnel(inputs: SiteInputs) -> str:
    return render("funnel.md.j2", page=funnel_context(inputs))
