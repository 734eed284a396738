"""Altair pieces the funnel, SLA and segment charts share (the trend chart is a plain dict)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from .formatting import period_ticks


def period_axis(periods: Sequence[str], label_angle: int = 0) -> alt.Axis:
    """An ordinal period axis labelled every few periods, always including the latest one."""
    return alt.Axis(labelAngle=label_angle, labelOverlap=True, values=period_ticks(periods))


def x_at(pixels: float) -> alt.XValue:
    """A fixed x position; a channel object, because Altair re-parses plain dicts (~15 ms each)."""
    return alt.XValue(pixels)  # type: ignore[no-untyped-call]


def inline(rows: list[dict[str, Any]]) -> alt.Chart:
    """A chart over rows embedded in the spec itself: no URL, nothing fetched."""
    return alt.Chart(alt.InlineData(values=rows))
