"""Charts for the site: Vega-Lite specs from aggregates, each with a static SVG that shows without JS.

Every public function takes measured aggregates (never rows about a lead) and returns a
:class:`ChartBlock`. Its ``html`` is one line of raw HTML for a Markdown page::

    <div class="kpi-chart" … data-spec="{escaped JSON}"><div class="kpi-chart__static"><svg…></div></div>

``assets/javascripts/charts.js`` swaps the static SVG for an interactive view with tooltips. The
spec lives in an attribute, not in a ``<script>`` tag, because Material's instant navigation
re-creates inline scripts without their ``type`` and would run a JSON spec as JavaScript.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vl_convert as vlc

from ..model.kpi import Kpi
from ..model.measurement import Funnel, FunnelStage, KpiMeasurement, SlaReport
from .chart_specs.formatting import FONT
from .chart_specs.trend_spec import trend_spec

if TYPE_CHECKING:
    import altair as alt

VEGA_LITE_VERSION = "6.4"  # the schema Altair 6.3 writes; the SVG and the browser bundle use the same
VEGA_BUNDLE_NAME = "vega-bundle.js"
CHARTS_JS = "assets/javascripts/charts.js"
VEGA_BUNDLE = f"assets/javascripts/{VEGA_BUNDLE_NAME}"
CJK_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian/Ubuntu fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk"),  # Fedora, Arch
    Path("/usr/share/fonts/google-noto-cjk"),
)
# Altair names views and params with counters or content hashes; renumber them by first appearance.
_GENERATED_NAME = re.compile(r"\b(param|view)_(?:[0-9a-f]{16}(?:_\d+)?|\d+)\b")
_LAYOUT_FONTS = ("Noto Sans CJK JP", "sans-serif")  # text in general, axis labels
_BUNDLE_GLOBALS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
_CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 11, "titleFontSize": 12},
    "title": {"fontSize": 13, "subtitleFontSize": 11, "subtitleColor": "#555555"},
}


@dataclass(frozen=True)
class ChartBlock:
    """A chart ready for a page: raw HTML (spec + static SVG), the spec itself, and the SVG."""

    html: str
    spec: dict[str, Any]
    svg: str


# --- KPI page -----------------------------------------------------------------------------------


def trend_chart(kpi: Kpi, measurement: KpiMeasurement, as_of: dt.date, maturity_days: int) -> ChartBlock:
    """The KPI per period with status colours, the 注意 band between thresholds and the target."""
    return chart_block(trend_spec(kpi, measurement, as_of, maturity_days))


def segment_chart(kpi: Kpi, measurement: KpiMeasurement, dimension: str) -> ChartBlock | None:
    """Bars per segment key of one dimension; ``None`` when every segment was suppressed or empty."""
    from .chart_specs import kpi_specs

    chart = kpi_specs.segment_chart(kpi, measurement, dimension)
    return chart_block(chart) if chart is not None else None


def segment_charts(kpi: Kpi, measurement: KpiMeasurement) -> dict[str, ChartBlock]:
    """One segment chart per dimension that has something to show, in the KPI's declared order."""
    dimensions = list(dict.fromkeys([*kpi.segments, *(s.dimension for s in measurement.segments)]))
    blocks = {d: segment_chart(kpi, measurement, d) for d in dimensions}
    return {d: block for d, block in blocks.items() if block is not None}


# Altair loads (~0.5 s) only when a funnel, SLA or segment chart is drawn: the spec modules below are
# imported inside the functions, so a rebuild that redraws one KPI's trend never pays for it.

# --- Funnel page --------------------------------------------------------------------------------


def funnel_chart(stages: Sequence[FunnelStage], title: str | None = None) -> ChartBlock:
    """Stage volumes with the conversion from the previous stage."""
    from .chart_specs import funnel_specs

    return chart_block(funnel_specs.funnel_chart(stages, title))


def channel_conversion_chart(
    funnel: Funnel, channel_names: Mapping[str, str] | None = None
) -> ChartBlock | None:
    """Channel × stage conversion grid; ``None`` when the funnel has no channel breakdown."""
    from .chart_specs import funnel_specs

    chart = funnel_specs.channel_conversion_chart(funnel.by_channel, channel_names)
    return chart_block(chart) if chart is not None else None


# --- SLA page -----------------------------------------------------------------------------------


def speed_to_lead_chart(report: SlaReport) -> ChartBlock:
    """Distribution of business hours to first contact, with the response deadline."""
    from .chart_specs import sla_specs

    return chart_block(sla_specs.speed_to_lead_chart(report))


def compliance_by_week_chart(
    report: SlaReport, target: float | None = None, as_of: dt.date | None = None
) -> ChartBlock:
    """Weekly SLA compliance (0–1) with an optional target rule; the week running on ``as_of`` is grey."""
    from .chart_specs import sla_specs

    return chart_block(sla_specs.compliance_by_week_chart(report.compliance_by_week, target, as_of))


def compliance_by_team_chart(
    report: SlaReport, team_names: Mapping[str, str] | None = None
) -> ChartBlock | None:
    """SLA compliance per IS team; ``None`` when every team was suppressed."""
    from .chart_specs import sla_specs

    chart = sla_specs.compliance_by_team_chart(report.compliance_by_team, dict(team_names or {}))
    return chart_block(chart) if chart is not None else None


def score_distribution_chart(report: SlaReport) -> ChartBlock:
    """Lead-score histogram with the MQL threshold."""
    from .chart_specs import sla_specs

    return chart_block(sla_specs.score_distribution_chart(report))


def mql_agreement_chart(report: SlaReport) -> ChartBlock:
    """Rule-derived vs recorded MQLs: both, record only, rule only."""
    from .chart_specs import sla_specs

    return chart_block(sla_specs.mql_agreement_chart(report))


# --- Assembly -----------------------------------------------------------------------------------


def chart_block(chart: alt.TopLevelMixin | Mapping[str, Any]) -> ChartBlock:
    """Normalise a chart's spec, render its static SVG and wrap both in the page's HTML."""
    # Schema validation costs more than building the chart (~50 ms); the tests validate every kind.
    plain = dict(chart) if isinstance(chart, Mapping) else chart.to_dict(validate=False)
    spec = normalise_spec(plain)
    text = canonical_json(spec)
    svg = render_svg(text)
    label = html.escape(str(spec.get("description", "グラフ")), quote=True)
    data = html.escape(text, quote=True)
    # data-search-exclude: Material's search would otherwise index every axis label of the SVG.
    block = (
        f'<div class="kpi-chart" role="img" aria-label="{label}" data-search-exclude="true" '
        f'data-spec="{data}"><div class="kpi-chart__static">{svg}</div></div>'
    )
    return ChartBlock(html=block, spec=spec, svg=svg)


def canonical_json(spec: Mapping[str, Any]) -> str:
    """Compact JSON with sorted keys: the same chart always gives the same bytes."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def normalise_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Drop the schema URL, add the shared config, renumber generated names, sort keys."""
    spec = dict(spec)
    spec.pop("$schema", None)
    spec["config"] = {**_CONFIG, **{k: v for k, v in spec.get("config", {}).items() if k not in _CONFIG}}
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        kind = match.group(1)
        if match.group(0) not in names:
            names[match.group(0)] = f"{kind}_{sum(1 for n in names.values() if n.startswith(kind)) + 1}"
        return names[match.group(0)]

    text = _GENERATED_NAME.sub(rename, json.dumps(spec, ensure_ascii=False, sort_keys=True))
    renamed: dict[str, Any] = json.loads(text)
    return renamed


@functools.lru_cache(maxsize=1024)
def render_svg(spec_json: str) -> str:
    """The static SVG of a spec (cached per process: ``kpi serve`` re-renders unchanged charts)."""
    _register_fonts()
    spec = json.loads(spec_json)
    config = spec.setdefault("config", {})
    font = config.get("font")
    # vl-convert measures every label it lays out, and how long that takes depends on the font
    # named: Japanese text is quickest with the CJK font itself, ASCII axis labels (numbers) with
    # the generic family, ~2× faster per chart than either font alone (period ticks, 9/21週 or 10月,
    # mix both). The layout stays within a pixel of the page's font list, which the SVG then names.
    config["font"] = _LAYOUT_FONTS[0]
    config["axis"] = {**config.get("axis", {}), "labelFont": _LAYOUT_FONTS[1]}
    svg: str = vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    if font:
        named = f'font-family="{html.escape(font, quote=True)}"'
        for layout_font in _LAYOUT_FONTS:
            svg = svg.replace(f'font-family="{html.escape(layout_font, quote=True)}"', named)
    # Raw HTML in Markdown ends at a blank line, so the SVG must be one line.
    return svg.replace("\r", "").replace("\n", " ")


@functools.cache
def _register_fonts() -> None:
    """Let vl-convert lay out Japanese labels with a real CJK font instead of guessing widths."""
    for directory in CJK_FONT_DIRS:
        if directory.is_dir():
            vlc.register_font_directory(str(directory))


# --- The browser side ---------------------------------------------------------------------------


@functools.cache
def vega_bundle_text() -> str:
    """vega, vega-lite and vega-embed as one script (~0.9 MB), so no page loads them from a CDN."""
    bundle: str = vlc.javascript_bundle(_BUNDLE_GLOBALS, vl_version=VEGA_LITE_VERSION)
    return bundle


def write_vega_bundle(dest_dir: Path) -> Path:
    """Write the bundle as ``dest_dir/vega-bundle.js``; untouched when already identical.

    Leaving an identical file alone matters under ``mkdocs serve``: a rewrite inside the docs
    directory would trigger another rebuild, forever.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / VEGA_BUNDLE_NAME
    text = vega_bundle_text()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
