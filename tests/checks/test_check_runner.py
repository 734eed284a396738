"""check_project_data: the catalogue on disk, measured by the real engine, then every check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import KPI_YML, SOURCES_YML, clean_activities, clean_leads, write_tables

from generator.checks import check_project_data
from generator.model.check_result import CheckResult

CHECKS = "[{check: between, min: 0}, {check: latest_period_present}, {check: minimum_volume, min: 5}]"

pytestmark = pytest.mark.usefixtures("great_expectations_imported")


def project_dir(root: Path) -> Path:
    (root / "definitions").mkdir(parents=True)
    (root / "metrics").mkdir()
    (root / "definitions" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    kpi = KPI_YML.format(kpi_id="new_leads", grain="month", checks=CHECKS).replace(
        "kind: rate", "kind: volume"
    )
    (root / "metrics" / "new_leads.yml").write_text(
        kpi.replace("unit: percent", "unit: count"), encoding="utf-8"
    )
    write_tables(root / "data", leads=clean_leads(), activities=clean_activities())
    return root


def by_id(results: tuple[CheckResult, ...]) -> dict[str, CheckResult]:
    return {result.check_id: result for result in results}


def test_tables_and_measured_kpis_are_checked(tmp_path: Path) -> None:
    # Three leads, all created in September 2026: the September count is 3, below the minimum of 5.
    report = check_project_data(project_dir(tmp_path))
    results = by_id(report.results)
    assert results["table:leads:unique:lead_id"].success
    assert results["kpi:new_leads:between"].success
    assert results["kpi:new_leads:latest_period_present"].success
    volume = results["kpi:new_leads:minimum_volume"]
    assert not volume.success
    assert volume.message_en.startswith("new_leads: the latest period's volume 3 is below 5")


def test_as_of_moves_the_latest_period(tmp_path: Path) -> None:
    # As of 2026-11-30 the latest complete month is November, which has no leads: stale.
    report = check_project_data(project_dir(tmp_path), as_of=dt.date(2026, 11, 30))
    results = by_id(report.results)
    assert not results["kpi:new_leads:latest_period_present"].success
    assert not results["table:leads:freshness:created_at"].success


def test_bad_data_still_reports_every_check(tmp_path: Path) -> None:
    root = project_dir(tmp_path)
    (root / "data" / "leads.parquet").unlink()
    results = by_id(check_project_data(root).results)
    assert not results["table:leads:schema"].success
    measurement = results["kpi:new_leads:measurement"]
    assert not measurement.success
    assert measurement.message_en.startswith("new_leads: the data cannot be measured — ")
    assert "leads" in measurement.message_en


def test_a_kpi_whose_table_was_not_imported_is_a_warning(tmp_path: Path) -> None:
    root = project_dir(tmp_path)
    activity_count = KPI_YML.format(kpi_id="touches", grain="month", checks=CHECKS).replace(
        "table: leads, time: created_at", "table: activities, time: occurred_at"
    )
    (root / "metrics" / "touches.yml").write_text(activity_count, encoding="utf-8")
    (root / "data" / "activities.parquet").unlink()  # only leads imported
    results = by_id(check_project_data(root).results)
    touches = results["kpi:touches:measurement"]
    assert (touches.success, touches.severity) == (False, "warning")
    assert (
        touches.message_ja
        == "touches: 計測できません — activities が必要です(kpi import で取り込んでください)"
    )
    assert results["kpi:new_leads:between"].success  # the KPI on leads is still measured and checked
    errors = [r.check_id for r in results.values() if not r.success and r.severity == "error"]
    assert errors == ["kpi:new_leads:minimum_volume"]  # 3 leads < 5; nothing about activities fails
