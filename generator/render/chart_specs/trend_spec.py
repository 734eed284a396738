"""A KPI's trend against its target band, written as a Vega-Lite dict without Altair.

Every KPI page has one, so a cold build draws 45 of them: Altair deep-copies a chart's data on each
``mark_*``/``encode`` call and walks the whole tree in ``to_dict`` (~50 ms a chart), more than
vl-convert takes to draw it. The dict is the spec Altair wrote for the same chart, key for key
(datasets named as Altair names them), so the SVG and the page bytes did not change; the tests
validate it against the Vega-Lite schema with Altair.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, cast

from ...measures.registry import sums_over_time
from ...model.kpi import Kpi
from ...model.measurement import KpiMeasurement
from ...model.periods import Grain
from ...model.readings import KpiReadings, Reading
from ...model.target_shares import period_target, target_for
from ..formatting import STATUS_LABELS, judge
from ..money_shown import tooltip_bound, tooltip_money
from .formatting import (
    BAND_COLOUR,
    NEUTRAL_COLOUR,
    RULE_COLOUR,
    STATUS_COLOURS,
    TREND_DOMAIN,
    TREND_RANGE,
    axis_format,
    axis_period_names,
    axis_title,
    displayed,
    is_judged,
    period_ticks,
    target_label,
)

WIDTH = 640
TREND_HEIGHT = 240

Spec = dict[str, Any]


def trend_spec(kpi: Kpi, measurement: KpiMeasurement, as_of: dt.date, maturity_days: int) -> Spec:
    """Values per period as a line, points coloured by status (grey while 途中 or 成熟中), the 注意
    band and the target at the series' own grain (a month's share of a year's total)."""
    readings = KpiReadings.of(measurement, as_of, maturity_days)
    rows = _trend_rows(kpi, readings)
    datasets: dict[str, list[dict[str, Any]]] = {}
    periods = _name_periods(rows, measurement.grain)
    x = {
        "axis": {"labelAngle": 0, "labelOverlap": True, "values": period_ticks(periods)},
        "field": "期間",
        "sort": periods,
        "title": "期間",
        "type": "ordinal",
    }
    y = {
        "axis": axis_format(kpi.unit, kpi.decimals, kpi.currency),
        **_quantity("値"),
        "title": axis_title(kpi.name, kpi.unit, kpi.currency),
    }
    tooltip = [_field("期間名", "nominal", "期間"), _field("表示", "nominal", "値")]
    if is_judged(kpi):
        tooltip.append(_field("状態", "nominal", "状態"))
    if any("経過" in row for row in rows):
        tooltip.append(_field("経過", "nominal", "転換期間の経過"))
    if any("目標" in row for row in rows):
        tooltip.append(_field("目標表示", "nominal", "この期間の目標"))
    if any("母数" in row for row in rows):
        tooltip.append(_field("母数", "nominal", "母数"))
    line = {
        "encoding": {"x": x, "y": y},
        "mark": {
            "color": NEUTRAL_COLOUR,
            "invalid": "break-paths-show-domains",
            "strokeWidth": 2,
            "type": "line",
        },
    }
    points = {
        "encoding": {"color": _status_colour(kpi), "tooltip": tooltip, "x": x, "y": y},
        "mark": {"filled": True, "opacity": 1, "size": 70, "type": "point"},
    }
    band = _band_layer(kpi, datasets)
    layers = ([band] if band is not None else []) + [line, points]
    targets = {row["目標"] for row in rows if row.get("目標") is not None}
    if len(targets) == 1:  # one value for every period: a rule, labelled
        layers += _target_layers(kpi, targets.pop(), datasets)
    elif targets:  # a share that changes with the period's length or season: a dashed step line
        layers.append(_target_steps(x))
    return {
        "data": _named(rows, datasets),
        "datasets": datasets,
        "description": f"{kpi.name}の推移と目標",
        "height": TREND_HEIGHT,
        "layer": layers,
        "width": WIDTH,
    }


def _trend_rows(kpi: Kpi, readings: KpiReadings) -> list[dict[str, Any]]:
    sums = sums_over_time(kpi)
    rows = []
    for reading in readings.series:
        point = reading.point
        row: dict[str, Any] = {
            "期間": point.period,
            "値": displayed(point.value, kpi.unit, kpi.decimals),
            "表示": tooltip_money(kpi, point.value),
            "状態": _state(kpi, reading, sums),
        }
        if reading.matured is not None:
            row["経過"] = f"{reading.matured * 100:.0f}%"
        target = target_for(kpi, reading.period)
        bound = period_target(target, reading.period, sums) if target else None
        if bound is not None:
            row["目標"] = displayed(bound, kpi.unit, kpi.decimals + 1)
            row["目標表示"] = tooltip_bound(kpi, bound)
        if point.denominator is not None and kpi.unit == "percent":
            row["母数"] = f"{point.denominator:,.0f}"
        rows.append(row)
    return rows


def _name_periods(rows: list[dict[str, Any]], grain: str) -> list[str]:
    """The axis names each row's period short (9/21週, 10月), the tooltip says it in full; the CSV and
    JSON keep the machine labels. Returns the axis order."""
    names, words = axis_period_names([row["期間"] for row in rows], cast(Grain, grain))  # a validated Grain
    for row, name, full in zip(rows, names, words, strict=True):
        row["期間"] = name
        row["期間名"] = full
    return names


def _state(kpi: Kpi, reading: Reading, sums: bool) -> str:
    """順調 / 要注意 / 未達 for a complete period, 途中 / 成熟中 for the others, "—" without a target."""
    if reading.phase == "partial":
        return "途中"
    if reading.phase == "maturing":
        return "成熟中"
    target = target_for(kpi, reading.period)
    bound = period_target(target, reading.period, sums) if target else None
    code = judge(kpi, reading, target, bound)
    return STATUS_LABELS[code] if code in STATUS_COLOURS else "—"


def _target_steps(x: Spec) -> Spec:
    """The target of each period as a dashed line through the periods (the rows' own 目標)."""
    return {
        "encoding": {
            "tooltip": [_field("期間名", "nominal", "期間"), _field("目標表示", "nominal", "この期間の目標")],
            "x": x,
            "y": _quantity("目標"),
        },
        "mark": {
            "color": RULE_COLOUR,
            "interpolate": "step",
            "strokeDash": [6, 4],
            "strokeWidth": 1.5,
            "type": "line",
        },
    }


def _status_colour(kpi: Kpi) -> Spec:
    """Colour by 順調/要注意/未達 when the KPI has a target; one neutral colour otherwise."""
    if not is_judged(kpi):
        return {"value": NEUTRAL_COLOUR}
    return {
        "field": "状態",
        "legend": {"orient": "top", "title": None},
        "scale": {"domain": TREND_DOMAIN, "range": TREND_RANGE},
        "title": "状態",
        "type": "nominal",
    }


def _band_layer(kpi: Kpi, datasets: dict[str, list[dict[str, Any]]]) -> Spec | None:
    """The 注意 zone between the two thresholds, shaded across the whole plot."""
    if kpi.thresholds is None:
        return None
    low, high = sorted((kpi.thresholds.at_risk, kpi.thresholds.on_track))
    shown = [tooltip_money(kpi, bound) for bound in (low, high)]
    text = "〜".join(shown)
    return {
        "data": _named([{"下限": low, "上限": high, "注意ゾーン": text}], datasets),
        "encoding": {
            "tooltip": [_field("注意ゾーン", "nominal", "注意ゾーン")],
            "y": _quantity("下限"),
            "y2": {"field": "上限"},
        },
        "mark": {"color": BAND_COLOUR, "opacity": 0.3, "type": "rect"},
    }


def _target_layers(kpi: Kpi, value: float, datasets: dict[str, list[dict[str, Any]]]) -> list[Spec]:
    """A dashed rule at the target, and its label at the left edge, where the latest point never sits."""
    data = _named([{"目標": value, "ラベル": target_label(kpi, value)}], datasets)
    rule = {
        "data": data,
        "encoding": {"tooltip": [_field("ラベル", "nominal", "目標")], "y": _quantity("目標")},
        "mark": {"color": RULE_COLOUR, "strokeDash": [6, 4], "strokeWidth": 1.5, "type": "rule"},
    }
    label = {
        "data": dict(data),
        "encoding": {
            "text": {"field": "ラベル", "type": "nominal"},
            "x": {"value": 0},
            "y": _quantity("目標"),
        },
        "mark": {
            "align": "left",
            "baseline": "bottom",
            "color": RULE_COLOUR,
            "dx": 4,
            "dy": -3,
            "type": "text",
        },
    }
    return [rule, label]


def _field(name: str, kind: str, title: str) -> Spec:
    return {"field": name, "title": title, "type": kind}


def _quantity(name: str) -> Spec:
    return {"field": name, "type": "quantitative"}


def _named(rows: list[dict[str, Any]], datasets: dict[str, list[dict[str, Any]]]) -> Spec:
    """Rows as a top-level dataset under the content-hash name Altair gives it."""
    text = json.dumps(rows, sort_keys=True, default=str)
    name = "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]
    datasets[name] = rows
    return {"name": name}
