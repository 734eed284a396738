"""Numbers that read true: rounded (never truncated) shares, ROI as a percent, attempts in 回."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml
from test_formatting import AS_OF, kpi

from generator.model.check_result import CheckResult
from generator.model.issue import Location
from generator.model.kpi import Kpi
from generator.render.chart_specs.formatting import axis_format, axis_title
from generator.render.formatting import (
    format_change,
    format_kpi_value,
    format_value,
    kpi_status,
    progress_bar,
    ratio_bar,
)
from generator.render.pages.common import check_counts

ROOT = Path(__file__).resolve().parents[2]


def shipped(kpi_id: str) -> Kpi:
    """A KPI of the shipped catalogue, as the loader's model reads it."""
    text = (ROOT / "metrics" / f"{kpi_id}.yml").read_text(encoding="utf-8")
    return Kpi.model_validate(yaml.safe_load(text))


def test_a_progress_share_is_rounded_not_truncated() -> None:
    # 10 of 15 items done: 10 ÷ 15 = 0.6666… → 66.67% → 67% (it read 66% when cut with //).
    # Bar: 20 × 10 ÷ 15 = 13.33 → 13 filled cells.
    assert progress_bar(10, 15) == "█" * 13 + "░" * 7 + " 10/15(67%)"
    # 1 of 3: 33.33% → 33% (rounding down where the next digit is under 5).
    assert progress_bar(1, 3, width=3) == "█░░ 1/3(33%)"


def test_a_ratio_bar_rounds_half_up_on_the_decimal_shown() -> None:
    # 1.0005 is 100.05%: half up on one decimal gives 100.1% (the binary float 100.0499… gave 100.0%).
    assert ratio_bar(1.0005, width=4) == "████ 100.1%"


def test_a_change_in_points_is_the_exact_difference_rounded_half_up() -> None:
    # 11.75% − 11.7% = 0.05pt exactly → 0.1pt at one decimal; the float difference 0.000499… read 0.0pt.
    assert format_change(kpi(), 0.117, 0.1175) == "+0.1pt"
    assert format_change(kpi(), 0.1175, 0.117) == "-0.1pt"


def test_roi_is_a_fraction_shown_as_a_percent() -> None:
    roi = shipped("marketing_roi")
    assert roi.unit == "percent"
    # (gross profit ¥66M − spend ¥50M) ÷ ¥50M = 0.32 → 32% (it read 「32pt」 as a ×100 number in points).
    assert format_kpi_value(roi, 0.32) == "32%"
    # Target (7,000万 − 5,000万) ÷ 5,000万 = 0.4 → 「40%」; thresholds on the same scale: 0.32 is between
    # at_risk 0.2 and on_track 0.4, so 要注意; a loss (−12.5%) is a percent too.
    assert format_kpi_value(roi, roi.targets[0].value) == "40%"
    assert kpi_status(roi, 0.32, AS_OF) == "at_risk"
    assert format_kpi_value(roi, -0.125) == "-13%"  # −12.5 rounds half up in size, away from zero
    assert axis_format(roi.unit, roi.decimals) == {"format": ".0%"}


def test_attempts_are_counted_in_times() -> None:
    attempts = shipped("unreached_attempts")
    assert attempts.unit == "times"
    # 4.25 attempts per unreached hand-off at one decimal → 4.3回 (not 件 or 倍).
    assert format_kpi_value(attempts, 4.25) == "4.3回"
    assert format_value(5, "times") == "5回"
    assert axis_title(attempts.name, attempts.unit) == f"{attempts.name}(回)"


def test_a_kpi_check_counts_periods_not_rows() -> None:
    # A range check on 2 periods with a value, 1 outside: 「1 / 2期間」, not 「1 / 2件」 (件 is for rows).
    result = CheckResult(
        "kpi:roi:between",
        "kpi",
        "roi",
        "between",
        None,
        False,
        1,
        2,
        "…",
        "…",
        Location("metrics/roi.yml", 9, 5),
    )
    assert check_counts(result) == "1 / 2期間"
    rows = dataclasses.replace(result, check_id="table:leads:unique:lead_id", subject_kind="table")
    assert check_counts(rows) == "1 / 2件"
