"""Reporting periods: ISO weeks, months, fiscal quarters and fiscal years (April start), and their edges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from measure_kit import activities, kpi, leads, measure, values

from generator.model.periods import (
    as_of_end,
    latest_full_quarter,
    period_of,
    series_periods,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "grain", "label", "start", "end"),
    [
        (D(2026, 1, 1), "week", "2026-W01", D(2025, 12, 29), D(2026, 1, 5)),  # a Thursday: ISO week 1
        (D(2027, 1, 1), "week", "2026-W53", D(2026, 12, 28), D(2027, 1, 4)),  # 2026 has 53 ISO weeks
        (D(2026, 9, 30), "week", "2026-W40", D(2026, 9, 28), D(2026, 10, 5)),
        (D(2026, 2, 28), "month", "2026-02", D(2026, 2, 1), D(2026, 3, 1)),
        (D(2026, 4, 1), "quarter", "FY2026-Q1", D(2026, 4, 1), D(2026, 7, 1)),
        (D(2026, 6, 30), "quarter", "FY2026-Q1", D(2026, 4, 1), D(2026, 7, 1)),
        (D(2026, 12, 31), "quarter", "FY2026-Q3", D(2026, 10, 1), D(2027, 1, 1)),
        (D(2027, 3, 31), "quarter", "FY2026-Q4", D(2027, 1, 1), D(2027, 4, 1)),  # Jan–Mar closes FY2026
        (D(2026, 3, 31), "fiscal_year", "FY2025", D(2025, 4, 1), D(2026, 4, 1)),
        (D(2026, 4, 1), "fiscal_year", "FY2026", D(2026, 4, 1), D(2027, 4, 1)),
    ],
)
def test_period_of(day: dt.date, grain: str, label: str, start: dt.date, end: dt.date) -> None:
    period = period_of(day, grain)  # type: ignore[arg-type]
    assert (period.label, period.start, period.end) == (label, start, end)


def test_series_cover_the_twelve_months_ending_at_as_of() -> None:
    as_of = D(2026, 9, 30)
    months = series_periods("month", as_of)
    assert [m.label for m in (months[0], months[-1])] == ["2025-10", "2026-09"] and len(months) == 12
    weeks = series_periods("week", as_of)
    # The week holding 2025-10-01 starts Monday 2025-09-29 (W40); the last is 2026-W40: 53 weeks.
    assert (weeks[0].label, weeks[0].start, weeks[-1].label, len(weeks)) == (
        "2025-W40",
        D(2025, 9, 29),
        "2026-W40",
        53,
    )
    quarters = [q.label for q in series_periods("quarter", as_of)]
    assert quarters == ["FY2025-Q3", "FY2025-Q4", "FY2026-Q1", "FY2026-Q2"]
    assert [y.label for y in series_periods("fiscal_year", as_of)] == ["FY2025", "FY2026"]
    # Mid-quarter as-of: the window starts mid-quarter, so five quarters overlap it; the last is partial.
    mid = series_periods("quarter", D(2026, 8, 15))
    assert [q.label for q in mid] == ["FY2025-Q2", "FY2025-Q3", "FY2025-Q4", "FY2026-Q1", "FY2026-Q2"]
    assert mid[-1].is_partial(D(2026, 8, 15)) and not months[-1].is_partial(as_of)


def test_latest_full_quarter_and_as_of_end() -> None:
    assert latest_full_quarter(D(2026, 9, 30)).label == "FY2026-Q2"  # ends on the as-of day: complete
    assert latest_full_quarter(D(2026, 9, 29)).label == "FY2026-Q1"
    assert latest_full_quarter(D(2026, 4, 15)).label == "FY2025-Q4"
    assert as_of_end(D(2026, 9, 30)) == dt.datetime(2026, 10, 1)


def test_rows_fall_into_fiscal_periods_at_their_edges(tmp_path: Path) -> None:
    rows = activities(
        [
            ("L1", "2026-03-31 23:59:59", "download"),  # FY2025, FY2025-Q4
            ("L1", "2026-04-01 00:00:00", "download"),  # FY2026, FY2026-Q1
            ("L1", "2026-06-30 23:59:59", "download"),  # FY2026-Q1
            ("L1", "2026-07-01 00:00:00", "download"),  # FY2026-Q2
            ("L1", "2026-09-30 23:59:59", "download"),  # last second of the as-of day: counted
            ("L1", "2026-10-01 00:00:00", "download"),  # after as-of: ignored
        ]
    )
    count = {"measure": "count", "table": "activities", "time": "occurred_at"}
    by_year = kpi("by_year", count, grain="fiscal_year")
    by_quarter = kpi("by_quarter", count, grain="quarter")
    by_week = kpi("by_week", count, grain="week")
    result = measure(
        tmp_path, {"leads": leads([{"lead_id": "L1"}]), "activities": rows}, [by_year, by_quarter, by_week]
    )
    assert values(result.kpis["by_year"]) == {"FY2025": 1.0, "FY2026": 4.0}
    assert values(result.kpis["by_quarter"]) == {
        "FY2025-Q3": 0.0,
        "FY2025-Q4": 1.0,
        "FY2026-Q1": 2.0,
        "FY2026-Q2": 2.0,
    }
    weekly = values(result.kpis["by_week"])
    # 2026-03-31 is a Tuesday (W14, with 04-01); 06-30 Tuesday (W27, with 07-01); 09-30 in W40.
    assert (weekly["2026-W14"], weekly["2026-W27"], weekly["2026-W40"]) == (2.0, 2.0, 1.0)
    assert sum(v or 0.0 for v in weekly.values()) == 5.0 and len(weekly) == 53


def test_partial_latest_period_stops_at_as_of(tmp_path: Path) -> None:
    rows = activities([("L1", "2026-08-10 10:00", "download"), ("L1", "2026-08-20 10:00", "download")])
    count = kpi("downloads", {"measure": "count", "table": "activities", "time": "occurred_at"})
    result = measure(
        tmp_path, {"leads": leads([{"lead_id": "L1"}]), "activities": rows}, [count], as_of=D(2026, 8, 15)
    )
    series = values(result.kpis["downloads"])
    assert list(series)[-1] == "2026-08" and series["2026-08"] == 1.0  # 08-20 is after the as-of day
    assert result.as_of == D(2026, 8, 15)
