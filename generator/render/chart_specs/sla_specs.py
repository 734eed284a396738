"""Charts on the SLA page: speed to lead, compliance by week and team, scores, MQL agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import altair as alt

from ...model.measurement import Histogram, Point, SegmentValue, SlaReport
from ...model.periods import period_of
from ...model.readings import PHASE_LABELS
from .channels import inline, period_axis, x_at
from .formatting import (
    NEUTRAL_COLOUR,
    RULE_COLOUR,
    STATUS_COLOURS,
    UNJUDGED_COLOURS,
    axis_period_names,
    displayed,
    format_value,
    value_label,
)

PARTIAL = PHASE_LABELS["partial"]  # 途中
WIDTH = 640
HEIGHT = 220
BAR_STEP = 28


def _number(value: float) -> str:
    """Bin edges without a trailing ``.0``: 4 rather than 4.0."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _histogram_rows(
    histogram: Histogram, inside: str, outside: str, limit: float, unit: str
) -> list[dict[str, Any]]:
    """One row per bin; ``区分`` says whether the whole bin is on the good side of ``limit``."""
    rows = []
    for low, high, count in zip(histogram.edges, histogram.edges[1:], histogram.counts, strict=False):
        rows.append(
            {
                # At the precision the label shows: the outer edges are a lead's own score or speed.
                "下端": displayed(low, "hours", 1),
                "上端": displayed(high, "hours", 1),
                "範囲": f"{_number(low)}〜{_number(high)}{unit}",
                "件数": count,
                "区分": inside if high <= limit else outside,
            }
        )
    return rows


def _limit_rule(value: float, label: str) -> list[alt.Chart]:
    base = inline([{"位置": value, "ラベル": label}])
    rule = base.mark_rule(color=RULE_COLOUR, strokeDash=[6, 4], strokeWidth=1.5).encode(
        x=alt.X("位置:Q"), tooltip=[alt.Tooltip("ラベル:N", title="基準")]
    )
    text = base.mark_text(align="left", baseline="top", dx=4, y=2, color=RULE_COLOUR).encode(
        x=alt.X("位置:Q"), text=alt.Text("ラベル:N")
    )
    return [rule, text]


def _histogram_chart(rows: list[dict[str, Any]], x_title: str, colours: dict[str, str]) -> alt.Chart:
    bars: alt.Chart = (
        inline(rows)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("下端:Q", title=x_title, bin="binned", axis=alt.Axis(format=",~f")),
            x2=alt.X2("上端:Q"),
            y=alt.Y("件数:Q", title="件数", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "区分:N",
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[alt.Tooltip("範囲:N", title="範囲"), alt.Tooltip("件数:Q", title="件数", format=",d")],
        )
    )
    return bars


def speed_to_lead_chart(report: SlaReport) -> alt.TopLevelMixin:
    """Business hours from hand-off to first contact, bins past the standard deadline in red.

    Hot leads have a shorter deadline, so the colours read against the standard one and say so: whether
    each hand-off was in time is the compliance chart's question, not this one's."""
    deadline = report.deadline_business_hours
    inside, outside = "通常の期限内", "通常の期限超過"
    colours = {inside: STATUS_COLOURS["on_track"], outside: STATUS_COLOURS["off_track"]}
    rows = _histogram_rows(report.speed_to_lead_hours, inside, outside, deadline, "時間")
    bars = _histogram_chart(rows, "初回対応までの営業時間(時間)", colours)
    return alt.layer(bars, *_limit_rule(deadline, f"通常の期限 {_number(deadline)}時間")).properties(
        width=WIDTH, height=HEIGHT, description="初回対応時間の分布と対応期限"
    )


def score_distribution_chart(report: SlaReport) -> alt.TopLevelMixin:
    """Lead scores with the MQL threshold; bins at or above it count as MQL level."""
    colours = {"閾値未満": NEUTRAL_COLOUR, "MQL 水準": STATUS_COLOURS["on_track"]}
    rows = _histogram_rows(report.score_distribution, "閾値未満", "MQL 水準", report.threshold, "点")
    for row in rows:
        # A bin belongs to MQL level when it starts at or above the threshold.
        row["区分"] = "MQL 水準" if row["下端"] >= report.threshold else "閾値未満"
    bars = _histogram_chart(rows, "リードスコア(点)", colours)
    return alt.layer(bars, *_limit_rule(report.threshold, f"閾値 {report.threshold}点")).properties(
        width=WIDTH, height=HEIGHT, description="リードスコアの分布と MQL 閾値"
    )


def compliance_by_week_chart(
    points: Sequence[Point], target: float | None = None, as_of: dt.date | None = None
) -> alt.TopLevelMixin:
    """Share of hand-offs contacted within the deadline, per week, with the agreed target; the week
    still running on the as-of date is grey and 途中, like the trend chart's unfinished periods."""
    names, words = axis_period_names([p.period for p in points], "week")
    rows: list[dict[str, Any]] = [
        {
            "期間": name,
            "期間名": full,
            "値": displayed(p.value, "percent", 1),
            "表示": format_value(p.value, "percent", 1),
            "母数": f"{p.denominator:,.0f}" if p.denominator is not None else "—",
            "状態": _phase(p, as_of),
        }
        for p, name, full in zip(points, names, words, strict=True)
    ]
    x = alt.X("期間:O", title="週", sort=names, axis=period_axis(names))  # short names fit level
    y = alt.Y("値:Q", title="SLA遵守率", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))
    base = inline(rows)
    tooltip = [
        alt.Tooltip("期間名:N", title="週"),
        alt.Tooltip("表示:N", title="遵守率"),
        alt.Tooltip("母数:N", title="引き渡し件数"),
        alt.Tooltip("状態:N", title="状態"),
    ]
    phases = {PHASE_LABELS["complete"]: NEUTRAL_COLOUR, PARTIAL: UNJUDGED_COLOURS[PARTIAL]}
    colour = alt.Color(
        "状態:N",
        scale=alt.Scale(domain=list(phases), range=list(phases.values())),
        legend=alt.Legend(orient="top", title=None) if PARTIAL in (row["状態"] for row in rows) else None,
    )
    line = base.mark_line(color=NEUTRAL_COLOUR, strokeWidth=2, invalid="break-paths-show-domains")
    dots = base.mark_point(filled=True, size=50, opacity=1)
    layers: list[alt.Chart] = [line.encode(x=x, y=y), dots.encode(x=x, y=y, color=colour, tooltip=tooltip)]
    if target is not None:
        label = f"目標 {target_text(target)}"
        rule_base = inline([{"目標": target, "ラベル": label}])
        layers.append(rule_base.mark_rule(color=RULE_COLOUR, strokeDash=[6, 4]).encode(y=alt.Y("目標:Q")))
        layers.append(
            rule_base.mark_text(align="right", baseline="bottom", dx=-4, dy=-4, color=RULE_COLOUR).encode(
                y=alt.Y("目標:Q"), x=x_at(WIDTH), text=alt.Text("ラベル:N")
            )
        )
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT, description="週ごとの SLA 遵守率")


def _phase(point: Point, as_of: dt.date | None) -> str:
    """途中 for the week that contains the as-of date (its few days read low), 確定 for the others."""
    unfinished = as_of is not None and period_of(point.start, "week").is_partial(as_of)
    return PARTIAL if unfinished else PHASE_LABELS["complete"]


def target_text(target: float) -> str:
    """The target at the precision that states it exactly: 90%, 92.5%, never a rounded 93%."""
    for decimals in range(4):
        if abs(round(target * 100, decimals) - target * 100) < 1e-9:
            return format_value(target, "percent", decimals)
    return format_value(target, "percent", 4)


def compliance_by_team_chart(
    segments: Sequence[SegmentValue], team_names: dict[str, str] | None = None
) -> alt.TopLevelMixin | None:
    """SLA compliance per IS team; suppressed teams are left out like every small segment."""
    shown = [s for s in segments if not s.suppressed and s.value is not None]
    if not shown:
        return None
    rows: list[dict[str, Any]] = [
        {
            "チーム": value_label(s.key, team_names),
            "値": displayed(s.value, "percent", 1),
            "表示": format_value(s.value, "percent", 1),
            "母数": f"{s.denominator:,.0f}" if s.denominator is not None else "—",
        }
        for s in sorted(shown, key=lambda s: s.key)
    ]
    y = alt.Y("チーム:N", title="担当チーム", sort=[row["チーム"] for row in rows])
    x = alt.X("値:Q", title="SLA遵守率", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))
    base = inline(rows)
    tooltip = [
        alt.Tooltip("チーム:N", title="チーム"),
        alt.Tooltip("表示:N", title="遵守率"),
        alt.Tooltip("母数:N", title="引き渡し件数"),
    ]
    bars = base.mark_bar(color=NEUTRAL_COLOUR, height={"band": 0.7}).encode(x=x, y=y, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=4).encode(x=x, y=y, text=alt.Text("表示:N"))
    return alt.layer(bars, labels).properties(
        width=WIDTH - 140, height={"step": BAR_STEP}, description="チーム別の SLA 遵守率"
    )


def mql_agreement_chart(report: SlaReport) -> alt.TopLevelMixin:
    """Recorded MQLs against rule-derived MQLs: where the MA record and the agreed rule disagree."""
    rows: list[dict[str, Any]] = [
        {"区分": "両方で MQL", "件数": report.both},
        {"区分": "記録のみ(ルール外)", "件数": max(report.recorded_mqls - report.both, 0)},
        {"区分": "ルールのみ(未記録)", "件数": max(report.rule_derived_mqls - report.both, 0)},
    ]
    order = [row["区分"] for row in rows]
    x = alt.X("件数:Q", title="リード数(件)", axis=alt.Axis(format=",d"))
    y = alt.Y("区分:N", title=None, sort=order)
    base = inline(rows)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=x,
        y=y,
        color=alt.Color(
            "区分:N",
            legend=None,
            scale=alt.Scale(
                domain=order,
                range=[STATUS_COLOURS["on_track"], STATUS_COLOURS["at_risk"], STATUS_COLOURS["off_track"]],
            ),
        ),
        tooltip=[alt.Tooltip("区分:N", title="区分"), alt.Tooltip("件数:Q", title="件数", format=",d")],
    )
    labels = base.mark_text(align="left", dx=4).encode(x=x, y=y, text=alt.Text("件数:Q", format=",d"))
    return alt.layer(bars, labels).properties(
        width=WIDTH - 200, height={"step": BAR_STEP}, description="記録上の MQL とルール上の MQL の一致"
    )
