"""The charts each page shows, as trusted HTML for its Markdown (built by :mod:`generator.render.charts`)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from markupsafe import Markup

from ..model.kpi import Kpi
from ..model.measurement import Funnel, KpiMeasurement, SlaReport
from . import charts

# Rendering a chart's static SVG costs ~0.1–0.2 s; a cache keyed by the chart's inputs and the chart
# code makes a rebuild after editing one KPI redraw only that KPI's charts.
_CHART_CODE = ("charts.py", "chart_specs", "formatting.py")


class ChartCache(Protocol):
    def get(self, key: str) -> str | None: ...

    def put(self, key: str, html: str) -> None: ...


@cache
def _chart_code_version() -> str:
    hasher = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for part in _CHART_CODE:
        target = root / part
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            hasher.update(path.name.encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    model_dump = getattr(value, "model_dump", None)
    return model_dump(mode="json") if callable(model_dump) else str(value)


def chart_key(name: str, *inputs: object) -> str:
    text = json.dumps(
        [name, _chart_code_version(), inputs], default=_plain, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached(store: ChartCache | None, key: str, draw: Callable[[], charts.ChartBlock | None]) -> Markup:
    if store is not None:
        found = store.get(key)
        if found is not None:
            return Markup(found)
    html = _html(draw())
    if store is not None:
        store.put(key, str(html))
    return html


@dataclass(frozen=True)
class KpiCharts:
    trend: Markup
    segments: dict[str, Markup]


@dataclass(frozen=True)
class FunnelCharts:
    overall: Markup
    by_channel: Markup


@dataclass(frozen=True)
class SlaCharts:
    speed_to_lead: Markup
    by_week: Markup
    by_team: Markup
    score_distribution: Markup
    mql_agreement: Markup


def _html(block: charts.ChartBlock | None) -> Markup:
    return Markup(block.html) if block is not None else Markup("")


def kpi_charts(kpi: Kpi, measurement: KpiMeasurement | None, store: ChartCache | None = None) -> KpiCharts:
    """The trend with its target band, and a bar chart for the KPI's first segment dimension only
    (the other dimensions are tables: every chart costs build time on a 2-core machine)."""
    if measurement is None or not measurement.series:
        return KpiCharts(Markup(""), {})
    trend = _cached(store, chart_key("trend", kpi, measurement), lambda: charts.trend_chart(kpi, measurement))
    dimensions = list(dict.fromkeys([*kpi.segments, *(s.dimension for s in measurement.segments)]))
    segments: dict[str, Markup] = {}
    if dimensions:
        first = dimensions[0]
        key = chart_key("segment", kpi, measurement, first)
        drawn = _cached(store, key, lambda: charts.segment_chart(kpi, measurement, first))
        if drawn:
            segments[first] = drawn
    return KpiCharts(trend, segments)


def funnel_charts(
    funnel: Funnel, channel_names: Mapping[str, str], store: ChartCache | None = None
) -> FunnelCharts:
    names = dict(sorted(channel_names.items()))
    overall = (
        _cached(store, chart_key("funnel", funnel.overall), lambda: charts.funnel_chart(funnel.overall))
        if funnel.overall
        else Markup("")
    )
    key = chart_key("channels", funnel, names)
    return FunnelCharts(overall, _cached(store, key, lambda: charts.channel_conversion_chart(funnel, names)))


def sla_charts(
    report: SlaReport, team_names: Mapping[str, str], target: float | None, store: ChartCache | None = None
) -> SlaCharts:
    names = dict(sorted(team_names.items()))

    def cached(name: str, draw: Callable[[], charts.ChartBlock | None]) -> Markup:
        return _cached(store, chart_key(name, report, names, target), draw)

    return SlaCharts(
        speed_to_lead=cached("speed", lambda: charts.speed_to_lead_chart(report)),
        by_week=cached("by_week", lambda: charts.compliance_by_week_chart(report, target)),
        by_team=cached("by_team", lambda: charts.compliance_by_team_chart(report, names)),
        score_distribution=cached("scores", lambda: charts.score_distribution_chart(report)),
        mql_agreement=cached("mql_agreement", lambda: charts.mql_agreement_chart(report)),
    )
