"""Business hours on the SLA calendar, checked against cases worked out by hand on a 2026 calendar."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from generator.engine.calendar import (
    CalendarError,
    add_business_hours,
    add_business_hours_many,
    business_hours_between,
    closed_days,
    period_starts,
)
from generator.model.periods import Grain, period_start
from generator.model.sla import BusinessCalendar, Weekday

STANDARD = BusinessCalendar()  # Mon–Fri 09:00–18:00 Asia/Tokyo, JP holidays


def hours(start: str, end: str, calendar: BusinessCalendar = STANDARD) -> float:
    return float(business_hours_between([pd.Timestamp(start)], [pd.Timestamp(end)], calendar)[0])


def test_friday_evening_to_monday_morning_counts_only_open_hours() -> None:
    # Fri 2026-09-04 17:00–18:00 = 1 h; weekend closed; Mon 09:00–10:00 = 1 h → 2 h.
    assert hours("2026-09-04 17:00", "2026-09-07 10:00") == 2.0


def test_same_day_within_opening_hours() -> None:
    assert hours("2026-09-08 10:15", "2026-09-08 12:45") == 2.5


def test_start_before_opening_counts_from_opening() -> None:
    # Tue 07:30 counts from 09:00; 09:00–11:00 = 2 h.
    assert hours("2026-09-08 07:30", "2026-09-08 11:00") == 2.0


def test_both_outside_opening_hours_on_the_same_evening_is_zero() -> None:
    assert hours("2026-09-08 18:30", "2026-09-08 23:00") == 0.0


def test_weekend_only_is_zero() -> None:
    assert hours("2026-09-05 10:00", "2026-09-06 17:00") == 0.0


def test_golden_week_2026() -> None:
    # Tue 04-28 17:00–18:00 = 1 h; Wed 04-29 昭和の日 closed; Thu 04-30 9 h; Fri 05-01 9 h;
    # 05-02 Sat … 05-06 Wed closed (憲法記念日 on Sunday → 振替休日 05-06);
    # Thu 05-07 09:00–10:00 = 1 h → 20 h.
    assert hours("2026-04-28 17:00", "2026-05-07 10:00") == 20.0


def test_new_year_day_is_closed_but_december_31_and_january_2_are_open() -> None:
    # Wed 2025-12-31 10:00–18:00 = 8 h; 元日 closed; Fri 01-02 9 h; weekend; Mon 01-05 09:00–09:30 → 17.5 h.
    assert hours("2025-12-31 10:00", "2026-01-05 09:30") == 17.5


def test_extra_closed_days_close_the_company_new_year_break() -> None:
    calendar = BusinessCalendar(extra_closed_days=[dt.date(2025, 12, 31), dt.date(2026, 1, 2)])
    # Only Mon 01-05 09:00–09:30 remains.
    assert hours("2025-12-31 10:00", "2026-01-05 09:30", calendar) == 0.5


def test_substitute_holiday_2025_february() -> None:
    # 天皇誕生日 2025-02-23 is a Sunday, so Mon 02-24 is a 振替休日:
    # Fri 02-21 17:00 → Tue 02-25 10:00 = 1 + 1 h.
    assert hours("2025-02-21 17:00", "2025-02-25 10:00") == 2.0


def test_silver_week_2026_three_holidays_in_a_row() -> None:
    # Mon 09-21 敬老の日, Tue 09-22 国民の休日, Wed 09-23 秋分の日: Fri 09-18 17:00 → Thu 09-24 10:00 = 2 h.
    assert hours("2026-09-18 17:00", "2026-09-24 10:00") == 2.0


def test_holiday_library_knows_the_substitute_and_national_holidays() -> None:
    days = closed_days(STANDARD, range(2026, 2027))
    assert {dt.date(2026, 5, 6), dt.date(2026, 9, 22), dt.date(2026, 1, 1)} <= days
    assert dt.date(2026, 1, 2) not in days


def test_custom_hours_and_saturday_workday() -> None:
    six_days: list[Weekday] = ["mon", "tue", "wed", "thu", "fri", "sat"]
    calendar = BusinessCalendar(workdays=six_days, opens="10:00", closes="19:00")
    # Fri 18:00–19:00 = 1 h; Sat 9 h; Sun closed; Mon 10:00–10:30 = 0.5 h → 10.5 h.
    assert hours("2026-09-04 18:00", "2026-09-07 10:30", calendar) == 10.5


def test_missing_end_is_nan_and_order_is_kept() -> None:
    starts = pd.Series(pd.to_datetime(["2026-09-07 09:00", "2026-09-07 09:00", "2026-09-04 17:00"]))
    ends = pd.Series(pd.to_datetime(["2026-09-07 12:00", None, "2026-09-07 10:00"]))
    result = business_hours_between(starts, ends, STANDARD)
    assert result[0] == 3.0
    assert np.isnan(result[1])
    assert result[2] == 2.0


def test_end_before_start_is_negative() -> None:
    assert hours("2026-09-07 12:00", "2026-09-07 10:00") == -2.0


def test_tz_aware_timestamps_are_read_in_tokyo_time() -> None:
    # 08:00 UTC = 17:00 JST (Fri); 11:00 UTC = 20:00 JST → only 17:00–18:00 counts.
    starts = pd.Series(pd.to_datetime(["2026-09-04 08:00Z"]))
    ends = pd.Series(pd.to_datetime(["2026-09-04 11:00Z"]))
    assert business_hours_between(starts, ends, STANDARD)[0] == 1.0


def test_empty_input_gives_empty_output() -> None:
    assert len(business_hours_between([], [], STANDARD)) == 0


def test_vectorised_matches_scalar_cases() -> None:
    starts = ["2026-09-04 17:00", "2026-04-28 17:00", "2025-12-31 10:00"]
    ends = ["2026-09-07 10:00", "2026-05-07 10:00", "2026-01-05 09:30"]
    result = business_hours_between(pd.to_datetime(starts), pd.to_datetime(ends), STANDARD)
    assert result.tolist() == [2.0, 20.0, 17.5]


@pytest.mark.parametrize(
    ("start", "business_hours", "deadline"),
    [
        # Fri 09:00 + 9 h ends at that day's close, not Monday's opening.
        ("2026-09-04 09:00", 9.0, "2026-09-04 18:00"),
        # Fri 17:00 + 2 h: 1 h on Friday, 1 h on Monday.
        ("2026-09-04 17:00", 2.0, "2026-09-07 10:00"),
        # A hand-off on Saturday starts the clock at Monday's opening.
        ("2026-09-05 11:00", 4.0, "2026-09-07 13:00"),
        # Before Silver Week: Fri 17:00 + 2 h → Thu 09-24 10:00.
        ("2026-09-18 17:00", 2.0, "2026-09-24 10:00"),
        # 24 business hours from Fri 09:00: Fri 9 + Mon 9 + Tue 6 → Tue 15:00.
        ("2026-09-25 09:00", 24.0, "2026-09-29 15:00"),
        # From 元日: Jan 2 (9 h), Jan 5 (9 h), Jan 6 until 15:00 (6 h).
        ("2026-01-01 08:00", 24.0, "2026-01-06 15:00"),
        # Fractional hours: Tue 17:15 + 1.25 h → Wed 09:30.
        ("2026-09-08 17:15", 1.25, "2026-09-09 09:30"),
    ],
)
def test_add_business_hours_gives_the_deadline(start: str, business_hours: float, deadline: str) -> None:
    result = add_business_hours(pd.Timestamp(start).to_pydatetime(), business_hours, STANDARD)
    assert result == pd.Timestamp(deadline).to_pydatetime()


def test_deadline_round_trips_through_business_hours_between() -> None:
    starts = pd.Series(pd.date_range("2026-04-20 07:00", periods=200, freq="7h13min"))
    deadlines = add_business_hours_many(starts, 16.0, STANDARD)
    assert np.allclose(business_hours_between(starts, deadlines, STANDARD), 16.0)


def test_many_deadlines_with_per_row_hours_and_missing_starts() -> None:
    starts = pd.Series(pd.to_datetime(["2026-09-04 17:00", None, "2026-09-04 17:00"]))
    result = add_business_hours_many(starts, np.array([2.0, 4.0, 0.5]), STANDARD)
    assert result[0] == pd.Timestamp("2026-09-07 10:00")
    assert result[1] is pd.NaT
    assert result[2] == pd.Timestamp("2026-09-04 17:30")


def test_long_deadline_extends_the_clock() -> None:
    # 400 business hours = 44 days of 9 h + 4 h; the clock must grow until the deadline fits.
    result = add_business_hours(dt.datetime(2026, 4, 1, 9, 0), 400.0, STANDARD)
    assert hours("2026-04-01 09:00", str(result)) == 400.0


def test_calendar_that_never_opens_is_refused() -> None:
    with pytest.raises(CalendarError) as error:
        hours("2026-09-04 09:00", "2026-09-07 10:00", BusinessCalendar(opens="18:00", closes="09:00"))
    assert "営業時間" in error.value.message_ja


@pytest.mark.parametrize("grain", ["week", "month", "quarter", "fiscal_year"])
def test_period_starts_agree_with_the_periods_module(grain: Grain) -> None:
    moments = pd.Series(
        pd.to_datetime(
            [
                "2026-03-31 23:59",
                "2026-04-01 00:00",
                "2026-09-30 18:00",
                "2027-01-03 10:00",
                "2025-12-29 00:00",
                None,
            ]
        )
    )
    starts = period_starts(moments, grain)
    for moment, start in zip(moments[:-1], starts[:-1], strict=True):
        assert start == pd.Timestamp(period_start(moment.date(), grain))
    assert pd.isna(starts.iloc[-1])


def test_fiscal_year_starts_in_april() -> None:
    starts = period_starts(pd.Series(pd.to_datetime(["2026-03-31 12:00", "2026-04-01 00:00"])), "fiscal_year")
    assert list(starts) == [pd.Timestamp("2025-04-01"), pd.Timestamp("2026-04-01")]
