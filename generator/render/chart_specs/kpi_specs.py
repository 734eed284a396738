"""A KPI's breakdown by segment (its trend chart is ``trend_spec``, a plain dict)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

from ...model.kpi import Kpi
from ...model.measurement import KpiMeasurement
from ..formatting import current_target
from ..money_shown import tooltip_money
from .channels import inline
from .formatting import (
    DIMENSION_LABELS,
    NEUTRAL_COLOUR,
    RULE_COLOUR,
    STATUS_COLOURS,
    STATUS_DOMAIN,
    axis_format,
    axis_title,
    displayed,
    is_judged,
    judged_on,
    status_text,
    target_label,
    value_label,
)

WIDTH = 640
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


def value_axis(kpi: Kpi) -> alt.Axis:
    return alt.Axis(**axis_format(kpi.unit, kpi.decimals, kpi.currency))


def _target_rule(kpi: Kpi, value: float) -> alt.Chart:
    """A dashed rule at the target value, across the bars."""
    base = inline([{"目標": value, "ラベル": target_label(kpi, value)}])
    rule: alt.Chart = base.mark_rule(color=RULE_COLOUR, strokeDash=[6, 4], strokeWidth=1.5)
    return rule.encode(x=alt.X("目標:Q"), tooltip=[alt.Tooltip("ラベル:N", title="目標")])


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
            "区分": segment.label or value_label(segment.key),  # a campaign's name, not its id
            "値": displayed(segment.value, kpi.unit, kpi.decimals),
            "表示": tooltip_money(kpi, segment.value),
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
    x = alt.X("値:Q", title=axis_title(kpi.name, kpi.unit, kpi.currency), axis=value_axis(kpi), scale=scale)
    tooltip = [alt.Tooltip("区分:N", title=dimension_title), alt.Tooltip("表示:N", title="値")]
    if any("母数" in row for row in rows):
        tooltip.append(alt.Tooltip("母数:N", title="母数"))
    base = inline(rows)
    bars = base.mark_bar(height={"band": 0.7}).encode(x=x, y=y, color=status_colour(kpi), tooltip=tooltip)
    labels = base.mark_text(align="left", dx=4).encode(x=x, y=y, text=alt.Text("表示:N"))
    layers: list[alt.Chart] = [bars, labels]
    notes = []
    if target is not None:
        layers.insert(0, _target_rule(kpi, target.value))
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
