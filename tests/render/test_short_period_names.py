"""Chart ticks name periods short (9/21週, 10月, 2026年度Q2), unique, in order, the year where it changes."""

from __future__ import annotations

import datetime as dt

from generator.model.periods import label
from generator.render.chart_specs.formatting import period_ticks
from generator.render.period_text import short_period_names


def weeks_from(monday: dt.date, count: int) -> list[str]:
    return [label(monday + dt.timedelta(weeks=i), "week") for i in range(count)]


def test_months_name_the_year_on_the_first_and_where_the_calendar_year_changes() -> None:
    labels = ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]
    assert short_period_names(labels, "month") == ["2026年9月", "10月", "11月", "12月", "2027年1月"]
    assert short_period_names(labels, "month", lang="en") == ["Sep 2026", "Oct", "Nov", "Dec", "Jan 2027"]


def test_weeks_name_their_monday_and_iso_week_53_keeps_its_calendar_year() -> None:
    # 2026 has 53 ISO weeks: W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
    labels = ["2026-W52", "2026-W53", "2027-W01"]
    assert short_period_names(labels, "week") == ["2026/12/21週", "12/28週", "2027/1/4週"]
    assert short_period_names(labels, "week", lang="en") == ["21 Dec 2026", "28 Dec", "4 Jan 2027"]


def test_quarters_and_fiscal_years_always_name_their_fiscal_year() -> None:
    assert short_period_names(["FY2026-Q2", "FY2026-Q3", "FY2026-Q4"], "quarter") == [
        "2026年度Q2",
        "2026年度Q3",
        "2026年度Q4",
    ]
    assert short_period_names(["FY2026-Q4"], "quarter", lang="en") == ["FY2026 Q4"]
    assert short_period_names(["FY2025", "FY2026"], "fiscal_year") == ["2025年度", "2026年度"]
    assert short_period_names(["FY2026"], "fiscal_year", lang="en") == ["FY2026"]


def test_the_year_goes_on_the_ticks_the_axis_shows() -> None:
    # Fourteen months, every second one a tick (Oct, Dec, Feb … Oct): the first tick and the first tick
    # of 2027 name their year; September 2026 and 2027 are no ticks but would both read 「9月」.
    labels = [f"{2026 + (8 + i) // 12}-{(8 + i) % 12 + 1:02d}" for i in range(14)]
    ticks = period_ticks(labels)
    assert ticks == ["2026-10", "2026-12", "2027-02", "2027-04", "2027-06", "2027-08", "2027-10"]
    assert short_period_names(labels, "month", ticks=ticks) == [
        "2026年9月",
        "2026年10月",
        "11月",
        "12月",
        "1月",
        "2027年2月",
        "3月",
        "4月",
        "5月",
        "6月",
        "7月",
        "8月",
        "2027年9月",
        "10月",
    ]


def test_months_a_year_apart_both_name_their_year() -> None:
    # Neither October is a tick, so neither names its year for the axis; both would read 「10月」.
    labels = ["2026-10", "2026-11", "2026-12", "2027-01", "2027-10"]
    names = short_period_names(labels, "month", ticks=["2026-11", "2027-01"])
    assert names == ["2026年10月", "2026年11月", "12月", "2027年1月", "2027年10月"]


def test_a_sixty_week_series_stays_unique_and_in_order() -> None:
    # Monday 29 September 2025 (2025-W40) and the 59 weeks after it, to 2026-W47 (Monday 16 November).
    labels = weeks_from(dt.date(2025, 9, 29), 60)
    assert (labels[0], labels[-1]) == ("2025-W40", "2026-W47")
    ticks = period_ticks(labels)  # every eighth week, ending with the latest
    assert ticks == [labels[i] for i in (3, 11, 19, 27, 35, 43, 51, 59)]
    names = short_period_names(labels, "week", ticks=ticks)
    assert len(set(names)) == 60
    assert [names[i] for i in (3, 11, 19, 27, 35, 43, 51, 59)] == [
        "2025/10/20週",
        "12/15週",
        "2026/2/9週",  # the first tick in 2026
        "4/6週",
        "6/1週",
        "7/27週",
        "9/21週",
        "11/16週",
    ]
    assert names[:2] == ["9/29週", "10/6週"]
    # The week of New Year (2026-W01) starts on Monday 29 December 2025.
    assert names[13] == "12/29週" and labels[13] == "2026-W01"


def test_a_label_of_another_form_keeps_its_text() -> None:
    assert short_period_names(["2026-09", "累計"], "month") == ["2026年9月", "累計"]
    assert short_period_names(["累計", "累計"], "month") == ["累計", "累計"]  # not unique to begin with
