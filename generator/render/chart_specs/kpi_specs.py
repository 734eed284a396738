"""Charts on a KPI page: the trend against its target band, and the breakdown by segment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

from ...model.kpi import Kpi
from ...model.measurement import KpiMeasurement
from ..formatting import current_target
from .formatting import (
    BAND_COLOUR,
    DIMENSION_LABELS,
    NEUTRAL_COLOUR,
    RULE_COLOUR,
    STATUS_COLOURS,
    STATUS_DOMAIN,
    axis_format,
    axis_title,
    format_value,
    inline,
    is_judged,
    period_axis,
    status_text,
    value_label,
    x_at,
)

WIDTH = 640
TREND_HEIGHT = 240
BAR_STEP = 26


def status_colour(kpi: Kpi) -> Any:
    """Colour by 順調/要注意/未達 when the KPI has a target; one neutral colour otherwise."""
    if not is_judged(kpi):
        return alt.ColorValue(NEUTRAL_COLOUR)
    return alt.Color(
        "状態:N",
        title="状態",
        scale=alt.Scale(domain=STATUS_DOMAIN, range=list(STATUS_COLOURS.values())),
        legend=alt.Legend(orient="top", title=None),
    )


def judged_on(measurement: KpiMeasurement) -> dt.date | None:
    """Every mark is judged against the target in force for the latest period."""
    return measurement.series[-1].start if measurement.series else None


def _trend_rows(kpi: Kpi, measurement: KpiMeasurement, as_of: dt.date) -> list[dict[str, Any]]:
    rows = []
    for point in measurement.series:
        row: dict[str, Any] = {
            "期間": point.period,
            "値": point.value,
            "表示": format_value(point.value, kpi.unit, kpi.decimals),
            "状態": status_text(kpi, point.value, as_of),
        }
        if point.denominator is not None and kpi.unit == "percent":
            row["母数"] = f"{point.denominator:,.0f}"
        rows.append(row)
    return rows


def value_axis(kpi: Kpi) -> alt.Axis:
    return alt.Axis(**axis_format(kpi.unit, kpi.decimals))


def _band_layer(kpi: Kpi) -> alt.Chart | None:
    """The 注意 zone between the two thresholds, shaded across the whole plot."""
    if kpi.thresholds is None:
        return None
    low, high = sorted((kpi.thresholds.at_risk, kpi.thresholds.on_track))
    text = f"{format_value(low, kpi.unit, kpi.decimals)}〜{format_value(high, kpi.unit, kpi.decimals)}"
    band: alt.Chart = inline([{"下限": low, "上限": high, "注意ゾーン": text}]).mark_rect(
        color=BAND_COLOUR, opacity=0.3
    )
    tooltip = [alt.Tooltip("注意ゾーン:N", title="注意ゾーン")]
    return band.encode(y=alt.Y("下限:Q"), y2=alt.Y2("上限:Q"), tooltip=tooltip)


def target_label(kpi: Kpi, value: float) -> str:
    return f"目標 {format_value(value, kpi.unit, kpi.decimals)}"


def _target_rule(kpi: Kpi, value: float, axis: str) -> alt.Chart:
    """A dashed rule at the target value, across the plot."""
    base = inline([{"目標": value, "ラベル": target_label(kpi, value)}])
    rule: alt.Chart = base.mark_rule(color=RULE_COLOUR, strokeDash=[6, 4], strokeWidth=1.5)
    tooltip = [alt.Tooltip("ラベル:N", title="目標")]
    if axis == "y":
        return rule.encode(y=alt.Y("目標:Q"), tooltip=tooltip)
    return rule.encode(x=alt.X("目標:Q"), tooltip=tooltip)


def _target_text(kpi: Kpi, value: float) -> alt.Chart:
    """The rule's label at the left edge, where the latest point never sits, so print says what it is."""
    base = inline([{"目標": value, "ラベル": target_label(kpi, value)}])
    text: alt.Chart = base.mark_text(align="left", baseline="bottom", dx=4, dy=-3, color=RULE_COLOUR)
    return text.encode(y=alt.Y("目標:Q"), x=x_at(0), text=alt.Text("ラベル:N"))


def trend_chart(kpi: Kpi, measurement: KpiMeasurement) -> alt.TopLevelMixin:
    """Values per period as a line, points coloured by status, the 注意 band and the target rule."""
    as_of = judged_on(measurement) or dt.date.min
    rows = _trend_rows(kpi, measurement, as_of)
    periods = [row["期間"] for row in rows]
    x = alt.X("期間:O", title="期間", sort=periods, axis=period_axis(periods))
    y = alt.Y("値:Q", title=axis_title(kpi.name, kpi.unit), axis=value_axis(kpi))
    tooltip = [alt.Tooltip("期間:O", title="期間"), alt.Tooltip("表示:N", title="値")]
    if is_judged(kpi):
        tooltip.append(alt.Tooltip("状態:N", title="状態"))
    if any("母数" in row for row in rows):
        tooltip.append(alt.Tooltip("母数:N", title="母数"))
    # The rows go on the layer chart, not on each layer: Altair deep-copies a chart's data on every
    # mark and encode call (~30 ms a chart here); the layers inherit them, and the spec is the same.
    base = alt.Chart()
    line = base.mark_line(color=NEUTRAL_COLOUR, strokeWidth=2, invalid="break-paths-show-domains").encode(
        x=x, y=y
    )
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        x=x, y=y, color=status_colour(kpi), tooltip=tooltip
    )
    layers: list[alt.Chart] = []
    band = _band_layer(kpi)
    if band is not None:
        layers.append(band)
    layers += [line, points]
    target = current_target(kpi, as_of)
    if target is not None:
        layers += [_target_rule(kpi, target.value, "y"), _target_text(kpi, target.value)]
    return alt.layer(*layers, data=alt.InlineData(values=rows)).properties(
        width=WIDTH, height=TREND_HEIGHT, description=f"{kpi.name}の推移と目標"
    )


def segment_chart(kpi: Kpi, measurement: KpiMeasurement, dimension: str) -> alt.TopLevelMixin | None:
    """Horizontal bars per segment key, best first; suppressed (small) segments never reach the data."""
    segments = measurement.segments
    shown = [s for s in segments if s.dimension == dimension and not s.suppressed and s.value is not None]
    if not shown:
        return None
    as_of = judged_on(measurement) or dt.date.min
    hidden = sum(1 for s in segments if s.dimension == dimension and s.suppressed)
    dimension_title = DIMENSION_LABELS.get(dimension, dimension)
    rows: list[dict[str, Any]] = []
    for segment in sorted(shown, key=lambda s: (-(s.value or 0.0), s.key)):
        row: dict[str, Any] = {
            "区分": value_label(segment.key),
            "値": segment.value,
            "表示": format_value(segment.value, kpi.unit, kpi.decimals),
            "状態": status_text(kpi, segment.value, as_of),
        }
        if segment.denominator is not None:
            row["母数"] = f"{segment.denominator:,.0f}"
        rows.append(row)
    order = [row["区分"] for row in rows]
    y = alt.Y("区分:N", title=dimension_title, sort=order)
    target = current_target(kpi, as_of)
    values = [float(s.value or 0.0) for s in shown] + ([target.value] if target else [])
    # Room right of the longest bar for its label.
    scale = alt.Scale(domain=[min(0.0, *values), max(0.0, *values) * 1.15 or 1.0], nice=False)
    x = alt.X("値:Q", title=axis_title(kpi.name, kpi.unit), axis=value_axis(kpi), scale=scale)
    tooltip = [alt.Tooltip("区分:N", title=dimension_title), alt.Tooltip("表示:N", title="値")]
    if any("母数" in row for row in rows):
        tooltip.append(alt.Tooltip("母数:N", title="母数"))
    base = inline(rows)
    bars = base.mark_bar(height={"band": 0.7}).encode(x=x, y=y, color=status_colour(kpi), tooltip=tooltip)
    labels = base.mark_text(align="left", dx=4).encode(x=x, y=y, text=alt.Text("表示:N"))
    layers: list[alt.Chart] = [bars, labels]
    notes = []
    if target is not None:
        layers.insert(0, _target_rule(kpi, target.value, "x"))
        notes.append(f"破線は{target_label(kpi, target.value)}")
    if hidden:
        notes.append(f"※ 対象が少ない {hidden} 区分は個人の特定を避けるため表示していません")
    title = alt.TitleParams(text=f"{dimension_title}別", subtitle=notes, anchor="start")
    return alt.layer(*layers).properties(
        width=WIDTH - 140,
        height={"step": BAR_STEP},
        title=title,
        description=f"{kpi.name}の{dimension_title}別内訳",
    )
