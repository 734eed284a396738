"""KPI series checks on hand-made measurements: ranges, gaps, the latest period, volume, missing checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import AS_OF, loaded_kpi

from generator.checks import run_data_checks
from generator.model.check_result import CheckReport, CheckResult
from generator.model.measurement import KpiMeasurement, MeasurementSet, Point
from generator.model.project import Project

ALL_CHECKS = (
    "[{check: between, min: 0, max: 1}, {check: no_missing_periods}, {check: latest_period_present},"
    " {check: not_null}, {check: minimum_volume, min: 20}]"
)

pytestmark = pytest.mark.usefixtures("great_expectations_imported")


def month(label: str, value: float | None, denominator: float | None = 100.0) -> Point:
    start = dt.date.fromisoformat(f"{label}-01")
    return Point(label, start, value, None if value is None else value * (denominator or 0), denominator)


def by_id(report: CheckReport) -> dict[str, CheckResult]:
    return {result.check_id: result for result in report.results}


@pytest.fixture(scope="module")
def report() -> CheckReport:
    kpis = {
        # July to September, all in range, 100 in each denominator: every check passes
        "rate_ok": KpiMeasurement(
            "rate_ok", "month", (month("2026-07", 0.2), month("2026-08", 0.3), month("2026-09", 0.25))
        ),
        # May 1.2 (out of range), June measured but empty, July missing, August 0.5 of 10, September missing:
        # calendar May–September = 5 periods, 2 not measured; latest value is August; September's volume 0
        "rate_bad": KpiMeasurement(
            "rate_bad",
            "month",
            (month("2026-05", 1.2), month("2026-06", None, None), month("2026-08", 0.5, 10.0)),
        ),
        "broken": KpiMeasurement("broken", "month", (), error="式を評価できません / cannot evaluate"),
        "no_checks": KpiMeasurement("no_checks", "month", (month("2026-09", 0.1),)),
    }
    project = Project(
        kpis=(
            loaded_kpi("rate_ok", ALL_CHECKS),
            loaded_kpi("rate_bad", ALL_CHECKS),
            loaded_kpi("broken", ALL_CHECKS),
            loaded_kpi("no_checks"),
            loaded_kpi("unmeasured", "[{check: latest_period_present}]"),
        )
    )
    measurements = MeasurementSet(AS_OF, "fingerprint", kpis)
    return run_data_checks(project, Path("/nonexistent"), measurements, as_of=AS_OF)


def test_results_are_sorted_by_kpi_then_declaration(report: CheckReport) -> None:
    assert [r.check_id for r in report.results] == [
        "kpi:broken:measurement",
        "kpi:no_checks:checks",
        "kpi:rate_bad:between",
        "kpi:rate_bad:no_missing_periods",
        "kpi:rate_bad:latest_period_present",
        "kpi:rate_bad:not_null",
        "kpi:rate_bad:minimum_volume",
        "kpi:rate_ok:between",
        "kpi:rate_ok:no_missing_periods",
        "kpi:rate_ok:latest_period_present",
        "kpi:rate_ok:not_null",
        "kpi:rate_ok:minimum_volume",
        "kpi:unmeasured:measurement",
    ]


def test_a_healthy_series_passes_every_check(report: CheckReport) -> None:
    ok = [r for r in report.results if r.subject == "rate_ok"]
    assert all(r.success for r in ok)
    assert by_id(report)["kpi:rate_ok:minimum_volume"].message_en == (
        "rate_ok: the latest period's volume is 100 (minimum_volume: ≥ 20)"
    )


@pytest.mark.parametrize(
    ("rule", "unexpected", "elements"),
    [
        ("between", 1, 2),  # May's 1.2 of the two periods with a value (June's empty one is not counted)
        ("no_missing_periods", 2, 5),  # July and September
        ("not_null", 1, 3),  # June
    ],
)
def test_period_rules_count_periods(report: CheckReport, rule: str, unexpected: int, elements: int) -> None:
    result = by_id(report)[f"kpi:rate_bad:{rule}"]
    assert (result.success, result.unexpected_count, result.element_count) == (False, unexpected, elements)


def test_absent_latest_period_fails(report: CheckReport) -> None:
    result = by_id(report)["kpi:rate_bad:latest_period_present"]
    assert not result.success
    assert result.message_en.startswith(
        "rate_bad: the latest period (from 2026-09-01) has no data (no value, or zero);"
        " the last period with data starts 2026-08-01"
    )


def test_minimum_volume_uses_the_latest_period(report: CheckReport) -> None:
    result = by_id(report)["kpi:rate_bad:minimum_volume"]
    assert not result.success
    assert result.message_ja.startswith("rate_bad: 最新の期間の母数 0 が最小 20 に届きません")


def test_missing_checks_error_and_unmeasured_kpis_fail(report: CheckReport) -> None:
    results = by_id(report)
    assert not results["kpi:no_checks:checks"].success
    assert results["kpi:no_checks:checks"].message_en.startswith("no_checks: the KPI has no data checks")
    assert str(results["kpi:no_checks:checks"].location) == "metrics/no_checks.yml:1:5"  # the id value
    assert results["kpi:broken:measurement"].message_en == (
        "broken: measuring failed, so its data checks cannot run — 式を評価できません / cannot evaluate"
    )
    assert str(results["kpi:broken:measurement"].location) == "metrics/broken.yml:9:10"  # compute
    assert not results["kpi:unmeasured:measurement"].success


def test_kpi_check_location_is_its_checks_entry(report: CheckReport) -> None:
    line = "checks: " + ALL_CHECKS
    fifth = line.index("{check: minimum_volume") + 1
    assert str(by_id(report)["kpi:rate_ok:minimum_volume"].location) == f"metrics/rate_ok.yml:14:{fifth}"


def test_weekly_series_latest_is_the_last_complete_week() -> None:
    # As of Wednesday 2026-09-30 the last complete week starts on Monday 2026-09-21.
    weeks = tuple(
        Point(f"W{n}", dt.date(2026, 9, 7) + dt.timedelta(days=7 * n), 5.0, None, None) for n in range(3)
    )  # 09-07, 09-14, 09-21
    project = Project(
        kpis=(loaded_kpi("weekly", "[{check: latest_period_present}, {check: no_missing_periods}]", "week"),)
    )
    measurements = MeasurementSet(AS_OF, "f", {"weekly": KpiMeasurement("weekly", "week", weeks)})
    results = by_id(run_data_checks(project, Path("/nonexistent"), measurements, as_of=AS_OF))
    assert results["kpi:weekly:latest_period_present"].success
    assert results["kpi:weekly:no_missing_periods"].element_count == 3
    stale = MeasurementSet(AS_OF, "f", {"weekly": KpiMeasurement("weekly", "week", weeks[:2])})
    results = by_id(run_data_checks(project, Path("/nonexistent"), stale, as_of=AS_OF))
    assert not results["kpi:weekly:latest_period_present"].success
    assert (
        results["kpi:weekly:no_missing_periods"].unexpected_count,
        results["kpi:weekly:no_missing_periods"].element_count,
    ) == (1, 3)


def test_minimum_volume_judges_the_week_the_pages_judge_not_the_partial_one() -> None:
    # As of Wednesday 2026-09-30, W40 (from 09-28) has three days: 3 hand-offs. The pages judge W39
    # (from 09-21, 40 hand-offs), and so does the volume check: 40 ≥ 20 passes.
    weeks = (
        Point("2026-W39", dt.date(2026, 9, 21), 0.9, 36.0, 40.0),
        Point("2026-W40", dt.date(2026, 9, 28), 0.33, 1.0, 3.0),
    )
    project = Project(kpis=(loaded_kpi("weekly", "[{check: minimum_volume, min: 20}]", "week"),))
    measurements = MeasurementSet(AS_OF, "f", {"weekly": KpiMeasurement("weekly", "week", weeks)})
    results = by_id(run_data_checks(project, Path("/nonexistent"), measurements, as_of=AS_OF))
    assert results["kpi:weekly:minimum_volume"].success
    short = (Point("2026-W39", dt.date(2026, 9, 21), 0.9, 9.0, 10.0), weeks[1])
    measurements = MeasurementSet(AS_OF, "f", {"weekly": KpiMeasurement("weekly", "week", short)})
    results = by_id(run_data_checks(project, Path("/nonexistent"), measurements, as_of=AS_OF))
    assert results["kpi:weekly:minimum_volume"].message_en.startswith("weekly: the latest period's volume 10")
