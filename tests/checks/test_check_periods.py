"""Period calendars used by the KPI series checks (pure functions, dates worked out by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.periods import Grain, latest_complete_start, next_start, period_start, starts_between

D = dt.date


@pytest.mark.parametrize(
    ("day", "grain", "start"),
    [
        (D(2026, 9, 30), "week", D(2026, 9, 28)),  # a Wednesday → its Monday
        (D(2026, 9, 30), "month", D(2026, 9, 1)),
        (D(2026, 9, 30), "quarter", D(2026, 7, 1)),
        (D(2026, 3, 31), "fiscal_year", D(2025, 4, 1)),  # March belongs to the fiscal year begun last April
        (D(2026, 4, 1), "fiscal_year", D(2026, 4, 1)),
    ],
)
def test_period_start(day: dt.date, grain: Grain, start: dt.date) -> None:
    assert period_start(day, grain) == start


def test_next_start_crosses_years() -> None:
    assert next_start(D(2026, 12, 1), "month") == D(2027, 1, 1)
    assert next_start(D(2026, 10, 1), "quarter") == D(2027, 1, 1)
    assert next_start(D(2026, 4, 1), "fiscal_year") == D(2027, 4, 1)
    assert next_start(D(2026, 12, 28), "week") == D(2027, 1, 4)


def test_starts_between_includes_both_ends() -> None:
    assert starts_between(D(2026, 7, 15), D(2026, 9, 30), "month") == [
        D(2026, 7, 1),
        D(2026, 8, 1),
        D(2026, 9, 1),
    ]


@pytest.mark.parametrize(
    ("grain", "latest"),
    [
        ("month", D(2026, 9, 1)),  # 2026-09-30 is September's last day: September is complete
        ("quarter", D(2026, 7, 1)),  # and the last day of Q3
        ("week", D(2026, 9, 21)),  # a Wednesday: the week of 09-28 is not over, the one before is
        ("fiscal_year", D(2025, 4, 1)),  # FY2026 runs to 2027-03-31
    ],
)
def test_latest_complete_start(grain: Grain, latest: dt.date) -> None:
    assert latest_complete_start(D(2026, 9, 30), grain) == latest
