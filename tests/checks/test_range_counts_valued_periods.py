"""A range check speaks only for the periods that have a value, and says how many had none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import AS_OF, loaded_kpi

from generator.checks import run_data_checks
from generator.model.check_result import CheckResult
from generator.model.measurement import KpiMeasurement, MeasurementSet, Point
from generator.model.project import Project

pytestmark = pytest.mark.usefixtures("great_expectations_imported")


def months(values: list[float | None]) -> tuple[Point, ...]:
    """October 2025 to September 2026, one point per month; ``None`` is a month with a zero denominator."""
    starts = [dt.date(2025 + (9 + i) // 12, (9 + i) % 12 + 1, 1) for i in range(len(values))]
    return tuple(
        Point(f"{s:%Y-%m}", s, v, None if v is None else v * 10, 0.0 if v is None else 10.0)
        for s, v in zip(starts, values, strict=True)
    )


def range_result(values: list[float | None]) -> CheckResult:
    project = Project(kpis=(loaded_kpi("roi", "[{check: between, min: 0, max: 1}]"),))
    measurements = MeasurementSet(AS_OF, "f", {"roi": KpiMeasurement("roi", "month", months(values))})
    report = run_data_checks(project, Path("/nonexistent"), measurements, as_of=AS_OF)
    return next(r for r in report.results if r.check_id == "kpi:roi:between")


def test_twelve_periods_ten_empty_counts_the_two_with_values() -> None:
    # 12 monthly periods measured; 10 have no value (no spend, so no ratio); August 0.3 and September 0.5
    # are both within 0–1. The check looked at 2 values, not 12 — it used to say 「12 期間すべてが範囲内」.
    result = range_result([None] * 10 + [0.3, 0.5])
    assert (result.success, result.unexpected_count, result.element_count) == (True, 0, 2)
    assert (
        result.message_ja == "roi: 値のある 2 期間すべてが 0〜1 の範囲内です(10 期間は値なし) (between: 0–1)"
    )
    assert (
        result.message_en
        == "roi: all 2 periods with a value are within 0–1 (10 without a value) (between: 0–1)"
    )


def test_an_out_of_range_value_is_counted_among_the_valued_periods() -> None:
    # Same 10 empty months; August 1.4 is above 1: 1 of the 2 valued periods is out of range.
    result = range_result([None] * 10 + [1.4, 0.5])
    assert (result.success, result.unexpected_count, result.element_count) == (False, 1, 2)
    assert result.message_ja.startswith(
        "roi: 値のある 2 期間のうち 1 期間が 0〜1 の範囲外です(10 期間は値なし)"
    )


def test_no_value_at_all_is_not_called_in_range() -> None:
    result = range_result([None] * 12)
    assert result.element_count == 0
    assert result.message_ja == (
        "roi: 値のある期間がないため、0〜1 の範囲内かどうかは確かめられません(12 期間は値なし) (between: 0–1)"
    )


def test_a_full_series_reads_as_before() -> None:
    result = range_result([0.5] * 12)
    assert result.message_ja == "roi: 12 期間すべてが 0〜1 の範囲内です (between: 0–1)"


def test_a_one_sided_range_reads_as_a_person_says_it() -> None:
    # A range with only a minimum is 「0 以上」, not 「範囲 0– 内」; only a maximum, 「1 以下」.
    from generator.checks.kpi_messages import spoken_range

    assert spoken_range(0, None) == ("0 以上", "0 を下回っています", "0 以上かどうか")
    assert spoken_range(None, 1) == ("1 以下", "1 を上回っています", "1 以下かどうか")
    assert spoken_range(-1, 1)[0] == "-1〜1 の範囲内"
