"""A KPI's last periods as a tiny inline SVG: static, offline, no script, every text escaped.

The dashboard cards show the shape of a series, not its numbers (those are on the KPI page). A point of a
period that is still running (途中) or a cohort still converting (成熟中) is grey: it is not a measurement
of its period yet, so it must not read as a drop.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..model.readings import Reading

WIDTH = 120
HEIGHT = 32
PAD = 3  # keeps the points' circles inside the box
RADIUS = 2.5
LINE_COLOUR = "#3f51b5"  # the site's indigo
UNFINISHED_COLOUR = "#9e9e9e"
SPARK_PERIODS = 12


@dataclass(frozen=True)
class SparkPoint:
    value: float
    finished: bool  # a complete period; 途中 and 成熟中 are not


def spark_points(readings: Sequence[Reading], periods: int = SPARK_PERIODS) -> list[SparkPoint]:
    """The last ``periods`` periods that have a value, oldest first."""
    return [SparkPoint(r.value, r.phase == "complete") for r in readings[-periods:] if r.value is not None]


def sparkline_svg(points: Sequence[SparkPoint], label: str) -> Markup:
    """An ``<svg>`` with a line through the points and one circle per point; empty without points."""
    if not points:
        return Markup("")
    coordinates = _coordinates([p.value for p in points])
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    circles = "".join(
        f'<circle class="kpi-spark__point{"" if p.finished else " kpi-spark__point--unfinished"}" '
        f'cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{LINE_COLOUR if p.finished else UNFINISHED_COLOUR}"/>'
        for p, (x, y) in zip(points, coordinates, strict=True)
    )
    return Markup(
        f'<svg class="kpi-spark" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{html.escape(label, quote=True)}">'
        f'<polyline points="{line}" fill="none" stroke="{LINE_COLOUR}" stroke-width="1.5"/>'
        f"{circles}</svg>"
    )


def _coordinates(values: Sequence[float]) -> list[tuple[float, float]]:
    """Evenly spaced left to right; the lowest value at the bottom, a flat series in the middle."""
    low, high = min(values), max(values)
    step = (WIDTH - 2 * PAD) / (len(values) - 1) if len(values) > 1 else 0.0
    height = HEIGHT - 2 * PAD
    result = []
    for index, value in enumerate(values):
        x = PAD + index * step if len(values) > 1 else WIDTH / 2
        y = HEIGHT / 2 if high == low else PAD + height * (high - value) / (high - low)
        result.append((x, y))
    return result
