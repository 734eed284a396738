"""Funnel charts: volumes per stage, and stage-to-stage conversion per channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from ...model.measurement import FunnelStage
from .channels import inline
from .formatting import NEUTRAL_COLOUR, displayed, format_value, value_label

WIDTH = 640
BAR_STEP = 34
CELL = 44


def _transition(previous: str, stage: str) -> str:
    return f"{value_label(previous)}→{value_label(stage)}"


def funnel_chart(stages: Sequence[FunnelStage], title: str | None = None) -> alt.TopLevelMixin:
    """Horizontal bars from leads to won, each labelled with its count and conversion from the stage above."""
    rows: list[dict[str, Any]] = []
    for stage in stages:
        conversion = format_value(stage.conversion_from_previous, "percent", 1)
        count = f"{stage.count:,}件"
        label = count if stage.conversion_from_previous is None else f"{count}(前段階から{conversion})"
        rows.append(
            {
                "段階": value_label(stage.stage),
                "件数": stage.count,
                "転換率": conversion,
                "ラベル": label,
            }
        )
    order = [row["段階"] for row in rows]
    y = alt.Y("段階:N", title=None, sort=order)
    # Room right of the longest bar for its label.
    widest = max((stage.count for stage in stages), default=0)
    scale = alt.Scale(domain=[0, widest * 1.3 or 1])
    x = alt.X("件数:Q", title="件数", axis=alt.Axis(format=",d"), scale=scale)
    base = inline(rows)
    bars = base.mark_bar(color=NEUTRAL_COLOUR, height={"band": 0.75}).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("段階:N", title="段階"),
            alt.Tooltip("件数:Q", title="件数", format=",d"),
            alt.Tooltip("転換率:N", title="前段階からの転換率"),
        ],
    )
    labels = base.mark_text(align="left", dx=4).encode(x=x, y=y, text=alt.Text("ラベル:N"))
    chart = alt.layer(bars, labels).properties(
        width=WIDTH - 220, height={"step": BAR_STEP}, description="ファネルの段階別件数と転換率"
    )
    if title:
        chart = chart.properties(title=alt.TitleParams(text=title, anchor="start"))
    return chart


def channel_conversion_chart(
    by_channel: Mapping[str, Sequence[FunnelStage]], channel_names: Mapping[str, str] | None = None
) -> alt.TopLevelMixin | None:
    """A grid of channel × stage transition, shaded by conversion, with the rate written in each cell."""
    rows: list[dict[str, Any]] = []
    names = dict(channel_names or {})
    for channel in sorted(by_channel):
        stages = by_channel[channel]
        for previous, stage in zip(stages, stages[1:], strict=False):
            if stage.conversion_from_previous is None:
                continue
            rows.append(
                {
                    "チャネル": value_label(channel, names),
                    "段階": _transition(previous.stage, stage.stage),
                    "転換率": displayed(stage.conversion_from_previous, "percent", 1),
                    "表示": format_value(stage.conversion_from_previous, "percent", 1),
                    "件数": f"{previous.count:,}件 → {stage.count:,}件",
                }
            )
    if not rows:
        return None
    transitions = list(dict.fromkeys(row["段階"] for row in rows))
    channels = list(dict.fromkeys(row["チャネル"] for row in rows))
    x = alt.X("段階:N", title=None, sort=transitions, axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y("チャネル:N", title="チャネル", sort=channels)
    base = inline(rows)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.Color(
            "転換率:Q",
            title="転換率",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(format=".0%", orient="right"),
        ),
        tooltip=[
            alt.Tooltip("チャネル:N", title="チャネル"),
            alt.Tooltip("段階:N", title="段階"),
            alt.Tooltip("表示:N", title="転換率"),
            alt.Tooltip("件数:N", title="件数"),
        ],
    )
    text = base.mark_text(baseline="middle").encode(
        x=x,
        y=y,
        text=alt.Text("表示:N"),
        color=alt.condition("datum['転換率'] > 0.5", alt.value("white"), alt.value("#222222")),
    )
    return alt.layer(cells, text).properties(
        width={"step": 120}, height={"step": CELL}, description="チャネル別・段階別の転換率"
    )
