"""Japanese labels, unit formatting and status bands shared by every chart.

Values are formatted in Python by ``generator.render.formatting`` (shared with the pages), not with
d3 formats in the browser, so the static SVG, the interactive tooltip and the page text all show the
same string, e.g. ``18.5%`` or ``120万円(¥1,200,000)`` (money as ``money_shown`` writes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...model.kpi import UNIT_SYMBOLS, Kpi
from ...model.measurement import KpiMeasurement
from ...model.periods import Grain
from ..formatting import (
    FUNNEL_STAGE_LABELS,
    SEGMENT_LABELS,
    STATUS_LABELS,
    VALUE_LABELS,
    StatusCode,
    displayed,
    format_value,
    kpi_status,
)
from ..money_shown import bound_text
from ..period_text import format_period, short_period_names

# Only the three judged statuses get a colour; "no target" and "no data" points stay neutral.
STATUS_COLOURS: dict[StatusCode, str] = {"on_track": "#2e7d32", "at_risk": "#ef8f00", "off_track": "#c62828"}
# Periods still running and cohorts still converting are drawn, grey, and never judged.
UNJUDGED_COLOURS: dict[str, str] = {"途中": "#b0b0b0", "成熟中": "#9e9e9e"}
STATUS_DOMAIN = [STATUS_LABELS[code] for code in STATUS_COLOURS]
TREND_DOMAIN = [*STATUS_DOMAIN, *UNJUDGED_COLOURS]
TREND_RANGE = [*STATUS_COLOURS.values(), *UNJUDGED_COLOURS.values()]
NEUTRAL_COLOUR = "#3f6fb5"
BAND_COLOUR = "#ffcc80"
RULE_COLOUR = "#444444"
FONT = '"Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif'

DIMENSION_LABELS: dict[str, str] = {**SEGMENT_LABELS, "team": SEGMENT_LABELS["owner_team"]}

# One set of Japanese names for pages and charts.
STAGE_LABELS = FUNNEL_STAGE_LABELS


# Period axes label at most this many ticks: a static SVG measures every label it lays out (~2 ms
# each in vl-convert), and 52 weekly labels are unreadable anyway.
MAX_PERIOD_LABELS = 8


def period_ticks(periods: Sequence[str]) -> list[str]:
    """The periods an ordinal axis labels: every few, always including the latest one."""
    step = max(1, -(-len(periods) // MAX_PERIOD_LABELS))
    return list(periods)[::-1][::step][::-1]


def axis_period_names(labels: Sequence[str], grain: Grain) -> tuple[list[str], list[str]]:
    """A period axis's names: short for the ticks (9/21週, 10月), and in full words for the tooltip
    (9月21日〜27日の週, 2026年10月); the machine labels stay in the CSV and JSON."""
    short = short_period_names(labels, grain, ticks=period_ticks(labels))
    return short, [format_period(label, grain) for label in labels]


def value_label(key: str, labels: dict[str, str] | None = None) -> str:
    """The Japanese display name of a segment key or stage, falling back to the key itself."""
    if labels and key in labels:
        return labels[key]
    return VALUE_LABELS.get(key, STAGE_LABELS.get(key, key))


def axis_title(name: str, unit: str, currency: str | None = None) -> str:
    """An axis title naming the quantity and, where the tick labels do not show it, the unit (money in
    a currency other than yen by its code: 「売上(USD)」)."""
    if unit == "yen" and currency not in (None, "JPY"):
        return f"{name}({currency})"
    suffix = {**UNIT_SYMBOLS, "yen": "円"}  # ticks read 万/億, so the title says 円
    return f"{name}({suffix[unit]})" if unit in suffix and unit != "percent" else name


def axis_format(unit: str, decimals: int, currency: str | None = None) -> dict[str, Any]:
    """Vega-Lite axis properties for tick labels; yen ticks read as 万/億 like Japanese reports do,
    other currencies as plain grouped numbers (the title names the currency)."""
    if unit == "percent":
        return {"format": f".{max(decimals - 1, 0)}%"}
    if unit == "yen" and currency not in (None, "JPY"):
        return {"format": ",~f"}
    if unit == "yen":
        return {
            "labelExpr": (
                "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '.1~f') + '億'"
                " : abs(datum.value) >= 1e4 ? format(datum.value / 1e4, ',.0f') + '万'"
                " : format(datum.value, ',')"
            )
        }
    if unit == "count":
        return {"format": ",d"}
    return {"format": ",~f"}


def status_text(kpi: Kpi, value: float | None, as_of: dt.date) -> str:
    """順調 / 要注意 / 未達 for a coloured mark, or "—" when the KPI cannot be judged."""
    code = kpi_status(kpi, value, as_of)
    return STATUS_LABELS[code] if code in STATUS_COLOURS else "—"


def is_judged(kpi: Kpi) -> bool:
    """Whether marks get status colours: the KPI needs a target (thresholds refine it)."""
    return bool(kpi.targets)


def judged_on(measurement: KpiMeasurement) -> dt.date | None:
    """Every mark is judged against the target in force for the latest period."""
    return measurement.series[-1].start if measurement.series else None


def target_label(kpi: Kpi, value: float) -> str:
    return f"目標 {bound_text(kpi, value)}"


__all__ = ["displayed", "format_value"]
