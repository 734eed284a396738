"""Table checks from sources.yml on tiny hand-made Parquet files: exact counts, messages and locations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    AS_OF,
    clean_activities,
    clean_leads,
    loaded_sources,
    sources_with_first_check,
    ts,
    write_tables,
)

from generator.checks import run_data_checks
from generator.model.check_result import CheckReport, CheckResult
from generator.model.project import Project

pytestmark = pytest.mark.usefixtures("great_expectations_imported")


def by_id(report: CheckReport) -> dict[str, CheckResult]:
    return {result.check_id: result for result in report.results}


def dirty_leads() -> pd.DataFrame:
    """Six rows, each rule broken a known number of times (worked out per column below)."""
    return pd.DataFrame(
        {
            # L2 appears twice → 2 rows share a duplicated id
            "lead_id": ["L1", "L2", "L2", "L4", "L5", "L6"],
            # one null (L4); one after the as-of date 2026-09-30 (L5)
            "created_at": ts(
                "2026-09-01 09:00",
                "2026-09-02 09:00",
                "2026-09-03 09:00",
                None,
                "2026-10-02 09:00",
                "2026-09-10",
            ),
            # 'fax' and an email address are outside [webinar, ads] → 2 rows; null is not a violation
            "channel": ["webinar", "ads", "fax", "secret.person@example.jp", None, "ads"],
            # L1: SQL before MQL → 1 row; L2: no MQL (ignored); L6: equal (fine)
            "mql_at": ts("2026-09-02 09:00", None, "2026-09-03 10:00", None, None, "2026-09-11 09:00"),
            "sql_at": ts(
                "2026-09-01 09:00", "2026-09-05 09:00", "2026-09-04 09:00", None, None, "2026-09-11 09:00"
            ),
            "email": [
                "taro@example.jp",
                "a@example.jp",
                "b@example.jp",
                "c@example.jp",
                "d@example.jp",
                "e@e.jp",
            ],
        }
    )


def dirty_activities() -> pd.DataFrame:
    # A2 and A3 point at L9, which is not a lead → 2 orphans; A4's null lead is not counted
    return pd.DataFrame(
        {
            "activity_id": ["A1", "A2", "A3", "A4"],
            "lead_id": ["L1", "L9", "L9", None],
            "occurred_at": ts("2026-09-02", "2026-09-03", "2026-09-04", "2026-09-05"),
        }
    )


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory: pytest.TempPathFactory) -> CheckReport:
    data_dir = write_tables(
        tmp_path_factory.mktemp("clean"), leads=clean_leads(), activities=clean_activities()
    )
    return run_data_checks(Project(sources=loaded_sources()), data_dir, None, as_of=AS_OF)


@pytest.fixture(scope="module")
def dirty_report(tmp_path_factory: pytest.TempPathFactory) -> CheckReport:
    data_dir = write_tables(
        tmp_path_factory.mktemp("dirty"), leads=dirty_leads(), activities=dirty_activities()
    )
    return run_data_checks(Project(sources=loaded_sources()), data_dir, None, as_of=AS_OF)


def test_clean_data_passes_every_table_check(clean_report: CheckReport) -> None:
    assert [r.check_id for r in clean_report.results] == [
        "table:leads:schema",
        "table:leads:unique:lead_id",
        "table:leads:not_null:created_at",
        "table:leads:allowed_values:channel",
        "table:leads:not_in_future:created_at",
        "table:leads:ordered:mql_at:sql_at",
        "table:leads:freshness:created_at",
        "table:leads:row_count",
        # implied by sources.yml: lead_id is nullable: false; every pair of lifecycle stages in order
        "table:leads:not_null:lead_id",
        "table:leads:ordered:created_at:mql_at",
        "table:leads:ordered:created_at:sql_at",
        "table:activities:schema",
        "table:activities:references:lead_id",
        "table:activities:not_null:activity_id",
    ]
    assert clean_report.failed == ()
    counts = {r.check_id: (r.unexpected_count, r.element_count) for r in clean_report.results}
    assert counts["table:leads:unique:lead_id"] == (0, 3)
    assert counts["table:leads:ordered:mql_at:sql_at"] == (0, 3)
    assert counts["table:leads:row_count"] == (None, 3)
    assert counts["table:activities:references:lead_id"] == (0, 2)


@pytest.mark.parametrize(
    ("check_id", "unexpected", "elements"),
    [
        ("table:leads:unique:lead_id", 2, 6),
        ("table:leads:not_null:created_at", 1, 6),
        ("table:leads:allowed_values:channel", 2, 5),  # the null channel is not looked at
        ("table:leads:not_in_future:created_at", 1, 5),
        ("table:leads:ordered:mql_at:sql_at", 1, 6),
        ("table:activities:references:lead_id", 2, 3),
    ],
)
def test_each_row_rule_counts_the_rows_that_break_it(
    dirty_report: CheckReport, check_id: str, unexpected: int, elements: int
) -> None:
    result = by_id(dirty_report)[check_id]
    assert (result.success, result.unexpected_count, result.element_count) == (False, unexpected, elements)


def test_row_count_outside_bounds_fails(dirty_report: CheckReport) -> None:
    result = by_id(dirty_report)["table:leads:row_count"]
    assert (result.success, result.element_count) == (False, 6)
    assert result.message_en.startswith("leads: 6 rows, outside 3–5 (row_count: 3–5)")


def test_messages_name_table_column_rule_and_count(dirty_report: CheckReport) -> None:
    results = by_id(dirty_report)
    ordered = results["table:leads:ordered:mql_at:sql_at"]
    assert ordered.message_ja.startswith(
        "leads.sql_at: mql_at より前の sql_at を持つ行が 1 件あります (ordered: mql_at ≤ sql_at)"
    )
    assert ordered.message_en.startswith(
        "leads.sql_at: 1 rows have sql_at before mql_at (ordered: mql_at ≤ sql_at)"
    )
    orphans = results["table:activities:references:lead_id"]
    assert orphans.message_en.startswith(
        "activities.lead_id: 2 rows reference an id missing from leads.lead_id (references: leads.lead_id)"
    )
    assert results["table:leads:unique:lead_id"].message_ja.startswith(
        "leads.lead_id: ほかの行と値が重複している行が 2 件あります (unique)"
    )


def test_location_is_the_declaring_line_of_sources_yml(dirty_report: CheckReport) -> None:
    results = by_id(dirty_report)
    assert str(results["table:leads:unique:lead_id"].location) == "definitions/sources.yml:17:9"
    assert str(results["table:leads:row_count"].location) == "definitions/sources.yml:23:9"
    assert str(results["table:activities:references:lead_id"].location) == "definitions/sources.yml:32:9"
    assert str(results["table:leads:schema"].location) == "definitions/sources.yml:7:7"


def test_stale_data_fails_freshness(sources_project: Project, data_factory: Callable[..., Path]) -> None:
    leads = clean_leads().assign(created_at=ts("2026-08-01", "2026-08-20", "2026-09-01 23:00"))
    report = run_data_checks(sources_project, data_factory(leads=leads), None, as_of=AS_OF)
    result = by_id(report)["table:leads:freshness:created_at"]
    assert not result.success
    assert result.message_en.startswith(
        "leads.created_at: the latest row is 2026-09-01, 29 days before the as-of date 2026-09-30,"
        " more than 7 days"
    )


def test_freshness_is_judged_against_the_as_of_date_given(
    sources_project: Project, data_factory: Callable[..., Path]
) -> None:
    report = run_data_checks(sources_project, data_factory(), None, as_of=AS_OF.replace(month=12))
    assert not by_id(report)["table:leads:freshness:created_at"].success
    assert by_id(run_data_checks(sources_project, data_factory(), None, as_of=AS_OF))[
        "table:leads:freshness:created_at"
    ].success


def test_a_table_not_imported_is_a_warning_naming_what_to_import(
    sources_project: Project, tmp_path: Path
) -> None:
    data_dir = tmp_path / "only_leads"
    data_dir.mkdir()
    clean_leads().to_parquet(data_dir / "leads.parquet", index=False)
    results = by_id(run_data_checks(sources_project, data_dir, None, as_of=AS_OF))
    schema = results["table:activities:schema"]
    assert (schema.success, schema.severity) == (False, "warning")  # partial data: warned, not failed
    assert "activities: no data imported yet" in schema.message_en
    assert "kpi import で activities を取り込んでください" in schema.message_ja
    references = results["table:activities:references:lead_id"]
    assert (references.success, references.severity) == (False, "warning")
    assert references.message_en == (
        "activities.lead_id: cannot check references because no data has been imported"
    )
    assert results["table:leads:schema"].success


def test_absent_leads_is_still_an_error(sources_project: Project, tmp_path: Path) -> None:
    data_dir = write_tables(tmp_path / "no_leads", activities=clean_activities())
    schema = by_id(run_data_checks(sources_project, data_dir, None, as_of=AS_OF))["table:leads:schema"]
    assert (schema.success, schema.severity) == (False, "error")  # every KPI reads leads
    assert "leads: no data file" in schema.message_en


def test_missing_column_names_file_table_and_column(
    sources_project: Project, data_factory: Callable[..., Path]
) -> None:
    data_dir = data_factory(leads=clean_leads().drop(columns=["channel"]))
    results = by_id(run_data_checks(sources_project, data_dir, None, as_of=AS_OF))
    schema = results["table:leads:schema"]
    assert not schema.success
    assert f"{data_dir / 'leads.parquet'} (leads.channel): column channel is missing" in schema.message_en
    assert not results["table:leads:unique:lead_id"].success
    assert schema.severity == "error"  # a present table missing a column is refused, not warned


def test_empty_file_is_reported_not_raised(
    sources_project: Project, data_factory: Callable[..., Path]
) -> None:
    data_dir = data_factory(activities=clean_activities().iloc[0:0])
    schema = by_id(run_data_checks(sources_project, data_dir, None, as_of=AS_OF))["table:activities:schema"]
    assert not schema.success
    assert "the file is empty" in schema.message_en


def test_wrong_type_is_reported(sources_project: Project, data_factory: Callable[..., Path]) -> None:
    leads = clean_leads().assign(created_at=["yesterday", "today", "tomorrow"])
    schema = by_id(run_data_checks(sources_project, data_factory(leads=leads), None, as_of=AS_OF))[
        "table:leads:schema"
    ]
    assert not schema.success
    assert "column created_at has the wrong type" in schema.message_en


def test_personal_column_check_blocked_even_with_data(data_factory: Callable[..., Path]) -> None:
    project = Project(
        sources=loaded_sources(sources_with_first_check("      - {check: unique, column: email}\n"))
    )
    report = run_data_checks(project, data_factory(), None, as_of=AS_OF)
    result = by_id(report)["table:leads:unique:email"]
    assert not result.success
    assert result.message_en == (
        "leads.email: cannot check unique because column email is personal data and never read"
    )


def test_unparseable_csv_dates_name_file_table_column_and_count(
    sources_project: Project, data_factory: Callable[..., Path]
) -> None:
    data_dir = data_factory()
    (data_dir / "leads.parquet").unlink()
    leads = clean_leads().assign(created_at=["2026-09-01 09:00", "2026/09/20 10:00", "20日"])
    leads.to_csv(data_dir / "leads.csv", index=False)
    schema = by_id(run_data_checks(sources_project, data_dir, None, as_of=AS_OF))["table:leads:schema"]
    assert not schema.success
    assert schema.message_en.startswith(
        f"{data_dir / 'leads.csv'} (leads.created_at):"
        " 1 value(s) of column created_at cannot be read as timestamp"
    )
