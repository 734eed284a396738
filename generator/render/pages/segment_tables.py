"""A KPI's breakdown tables: the quarter they are for, rows by value, names instead of ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.kpi import Kpi
from ...model.measurement import SegmentValue
from ...model.periods import latest_full_quarter
from ..formatting import SEGMENT_LABELS, format_date, suppressed_text, suppression_note
from ..money_shown import money_markup
from ..period_text import period_name
from .common import segment_label


@dataclass(frozen=True)
class SegmentRow:
    label: str
    value: str
    denominator: str


@dataclass(frozen=True)
class SegmentTable:
    dimension: str
    rows: list[SegmentRow]
    note: str | None = None  # why some rows are hidden
    period: str = ""  # the fiscal quarter the values are for, e.g. 2026年度第2四半期


def segment_period_text(as_of: dt.date) -> str:
    """The latest complete fiscal quarter (what segments are measured on), with its first and last day."""
    quarter = latest_full_quarter(as_of)
    last_day = quarter.end - dt.timedelta(days=1)
    return f"{period_name(quarter)}({format_date(quarter.start)}〜{format_date(last_day)})"


def segment_tables(
    kpi: Kpi, segments: tuple[SegmentValue, ...], k: int, as_of: dt.date
) -> list[SegmentTable]:
    """One table per dimension, in the KPI's declared order, each naming its quarter."""
    period = period_name(latest_full_quarter(as_of))
    dimensions = list(dict.fromkeys([*kpi.segments, *(s.dimension for s in segments)]))
    tables = []
    for dimension in dimensions:
        values = reading_order([s for s in segments if s.dimension == dimension])
        rows = [
            SegmentRow(
                shown_name(s),
                suppressed_text(k) if s.suppressed else money_markup(kpi, s.value),
                "—" if s.suppressed or s.denominator is None else f"{s.denominator:,.0f}",
            )
            for s in values
        ]
        note = suppression_note(k) if any(s.suppressed for s in values) else None
        tables.append(SegmentTable(SEGMENT_LABELS.get(dimension, dimension), rows, note, period))
    return tables


def shown_name(segment: SegmentValue) -> str:
    """A campaign's name rather than its id; other keys in Japanese (``webinar`` → ウェビナー)."""
    return segment.label or segment_label(segment.key)


def reading_order(segments: list[SegmentValue]) -> list[SegmentValue]:
    """Largest value first; segments without a value next; hidden ones last, by name only.

    Hidden rows are ordered by name, never by their (withheld) value, so their order tells nothing;
    every hidden row reads the same (``suppressed_text``), as ``engine.suppression`` requires.
    """
    shown = [s for s in segments if not s.suppressed and s.value is not None]
    empty = [s for s in segments if not s.suppressed and s.value is None]
    hidden = [s for s in segments if s.suppressed]
    return [
        *sorted(shown, key=lambda s: (-(s.value or 0.0), shown_name(s))),
        *sorted(empty, key=shown_name),
        *sorted(hidden, key=shown_name),
    ]
