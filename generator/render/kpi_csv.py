"""A KPI's numbers as CSV files beside its page: the series and the segments, aggregates only.

Written for a spreadsheet: UTF-8 with a BOM (Excel in Japan reads a BOM-less file as Shift_JIS), CRLF
rows, the same bytes for the same measurements. Values are written at the precision the page shows
(8.6% is 0.086, as in the chart data), so a rate times its base gives back no more than the page
does; bases and targets are written as the page shows them too. Segments hidden on the page are
hidden here: their value and base are empty cells and a note says why — never the value. A text
cell that a spreadsheet would read as a formula (``=`` ``+`` ``-`` ``@``, tab, CR first) gets a ``'``.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..measures.registry import sums_over_time
from ..model.kpi import Kpi
from ..model.periods import latest_full_quarter
from ..model.readings import PHASE_LABELS
from ..model.target_shares import period_target, target_for
from .formatting import SEGMENT_LABELS, displayed
from .inputs import SiteInputs
from .links import kpi_page
from .pages.segment_tables import reading_order, shown_name
from .views import KpiView, kpi_view

BOM = "\ufeff"
SERIES_HEADER = ("期間", "値", "単位", "分子", "分母", "この期間の目標", "期間の状態")
SEGMENT_HEADER = ("期間", "区分の種類", "区分キー", "区分名", "値", "単位", "母数", "注記")
HIDDEN_NOTE = "非表示({k}件未満の区分、または差し引きで値が求められないよう併せて伏せた区分)"
UNIT_WORDS = {
    "percent": "割合(1 = 100%)",
    "count": "件",
    "days": "日",
    "hours": "時間",
    "points": "点",
    "ratio": "比",
    "times": "回",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
Cell = str | float | None


@dataclass(frozen=True)
class KpiCsvFiles:
    """Docs-relative paths of a KPI's two files (beside its page) and their text."""

    series_path: str
    series: str
    segments_path: str
    segments: str


def csv_paths(kpi_id: str) -> tuple[str, str]:
    """``kpis/<id>/<id>-series.csv`` and ``kpis/<id>/<id>-segments.csv``."""
    folder = posixpath.splitext(kpi_page(kpi_id))[0]
    return f"{folder}/{kpi_id}-series.csv", f"{folder}/{kpi_id}-segments.csv"


def kpi_csv_files(kpi: Kpi, inputs: SiteInputs, view: KpiView | None = None) -> KpiCsvFiles | None:
    """The two files, or ``None`` while a failed data check withholds the KPI's numbers (as the page does)."""
    view = view or kpi_view(kpi, inputs)
    if view.problems:
        return None
    series_path, segments_path = csv_paths(kpi.id)
    return KpiCsvFiles(
        series_path,
        csv_text(SERIES_HEADER, series_rows(kpi, view)),
        segments_path,
        csv_text(SEGMENT_HEADER, segment_rows(kpi, inputs)),
    )


def series_rows(kpi: Kpi, view: KpiView) -> list[list[Cell]]:
    """Every measured period, oldest first: value, numerator, denominator, the period's target, its phase."""
    if view.readings is None:
        return []
    sums = sums_over_time(kpi)
    rows: list[list[Cell]] = []
    for reading in view.readings.series:
        point = reading.point
        target = target_for(kpi, reading.period)
        bound = period_target(target, reading.period, sums) if target else None
        rows.append(
            [
                point.period,
                displayed(point.value, kpi.unit, kpi.decimals),
                unit_word(kpi),
                point.numerator,
                point.denominator,
                bound,
                PHASE_LABELS[reading.phase],
            ]
        )
    return rows


def segment_rows(kpi: Kpi, inputs: SiteInputs) -> list[list[Cell]]:
    """The page's segment tables as rows, in the page's order; a hidden segment's numbers stay empty."""
    measurement = inputs.measurements.kpis.get(kpi.id)
    segments = measurement.segments if measurement else ()
    quarter = latest_full_quarter(inputs.measurements.as_of).label
    note = HIDDEN_NOTE.format(k=inputs.k_anonymity)
    dimensions = list(dict.fromkeys([*kpi.segments, *(s.dimension for s in segments)]))
    rows: list[list[Cell]] = []
    for dimension in dimensions:
        for s in reading_order([s for s in segments if s.dimension == dimension]):
            hidden = s.suppressed
            rows.append(
                [
                    quarter,
                    SEGMENT_LABELS.get(dimension, dimension),
                    s.key,
                    shown_name(s),
                    None if hidden else displayed(s.value, kpi.unit, kpi.decimals),
                    unit_word(kpi),
                    None if hidden else s.denominator,
                    note if hidden else None,
                ]
            )
    return rows


def unit_word(kpi: Kpi) -> str:
    if kpi.unit == "yen":
        return f"金額({kpi.currency or 'JPY'})"
    return UNIT_WORDS.get(kpi.unit, kpi.unit)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """BOM, header and rows, CRLF-separated, every cell through :func:`cell_text`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([cell_text(h) for h in header])
    for row in rows:
        writer.writerow([cell_text(c) for c in row])
    return BOM + out.getvalue()


def cell_text(cell: Cell) -> str:
    """A number in plain decimals (no exponent, at most 6 places); text made formula-safe; None empty."""
    if cell is None:
        return ""
    if isinstance(cell, float | int):
        return number_text(float(cell))
    return formula_safe(cell)


def number_text(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def formula_safe(text: str) -> str:
    """``'`` before text a spreadsheet would run as a formula; a plain number (``-3.5``) is left alone."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
