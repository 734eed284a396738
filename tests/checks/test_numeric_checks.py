"""Money columns: NaN, empty, +infinity and negative amounts are counted, never summed silently."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import AS_OF, clean_activities, clean_leads, write_tables

from generator.checks import run_data_checks
from generator.checks.affected import data_problems
from generator.loading.safe_yaml import parse_yaml
from generator.model.check_result import CheckReport, CheckResult
from generator.model.kpi import Kpi
from generator.model.project import Loaded, Project
from generator.model.sources import Sources

pytestmark = pytest.mark.usefixtures("great_expectations_imported")

# Line numbers matter: the implied finite check is located at the amount_yen column (line 19).
SOURCES_YML = """\
as_of: "2026-09-30"
tables:
  - id: leads
    description: リード
    primary_key: lead_id
    columns:
      - {name: lead_id, type: string, description: リードID, nullable: false}
      - {name: created_at, type: timestamp, description: 獲得日時}
      - {name: channel, type: string, description: チャネル}
      - {name: mql_at, type: timestamp, description: MQL日時}
      - {name: sql_at, type: timestamp, description: SQL日時}
    checks:
      - {check: unique, column: lead_id}
  - id: deals
    description: 商談
    primary_key: deal_id
    columns:
      - {name: deal_id, type: string, description: 商談ID, nullable: false}
      - {name: amount_yen, type: float, description: 金額, nullable: false}
      - {name: gross_profit_yen, type: float, description: 粗利}
      - {name: is_won, type: boolean, description: 受注, nullable: false}
      - {name: closed_at, type: timestamp, description: 受注日}
    checks:
      - {check: unique, column: deal_id}
      - {check: between, column: amount_yen, min: 0}
      - {check: finite, column: gross_profit_yen}
      - {check: between, column: gross_profit_yen, min: 0, severity: warning}
"""

KPI_YML = """\
id: {kpi_id}
name: テスト指標
name_en: Test KPI
description: テスト用の指標。
stage: bottom
kind: volume
unit: {unit}
grain: month
compute: {compute}
owner: {{team: marketing, person: 佐藤}}
phase: operating
cadence: monthly
tree: {{level: kpi}}
"""

KPIS = {
    "revenue": ("yen", "{measure: sum, table: deals, column: amount_yen, time: closed_at, filter: is_won}"),
    "profit": ("yen", "{measure: sum, table: deals, column: gross_profit_yen, time: closed_at}"),
    "won_deals": ("count", "{measure: count, table: deals, time: closed_at, filter: is_won}"),
    "new_leads": ("count", "{measure: count, table: leads, time: created_at}"),
    "deal_size": ("yen", "{measure: derived, expression: revenue / won_deals}"),
}


def kpi(kpi_id: str) -> Loaded[Kpi]:
    unit, compute = KPIS[kpi_id]
    document = parse_yaml(KPI_YML.format(kpi_id=kpi_id, unit=unit, compute=compute).encode())
    return Loaded(Kpi.model_validate(document.data), f"metrics/{kpi_id}.yml", document)


def project() -> Project:
    document = parse_yaml(SOURCES_YML.encode())
    sources = Loaded(Sources.model_validate(document.data), "definitions/sources.yml", document)
    return Project(kpis=tuple(kpi(k) for k in KPIS), sources=sources)


def deals(
    amounts: list[float | None], profits: list[float | None] | None = None, ids: list[str] | None = None
) -> pa.Table:
    n = len(amounts)
    return pa.table(
        {
            "deal_id": ids or [f"D{i}" for i in range(1, n + 1)],
            # from_pandas=False keeps NaN a NaN: pandas would write it as an empty value
            "amount_yen": pa.array(amounts, type=pa.float64(), from_pandas=False),
            "gross_profit_yen": pa.array(profits or [1.0] * n, type=pa.float64(), from_pandas=False),
            "is_won": [True] * n,
            "closed_at": pa.array([dt.datetime(2026, 9, 1 + i) for i in range(n)], type=pa.timestamp("us")),
        }
    )


def check(tmp_path: Path, table: pa.Table) -> dict[str, CheckResult]:
    data_dir = write_tables(tmp_path / "data", leads=clean_leads(), activities=clean_activities())
    pq.write_table(table, data_dir / "deals.parquet")
    report = run_data_checks(project(), data_dir, None, as_of=AS_OF)
    return {result.check_id: result for result in report.results}


def test_nan_empty_and_infinite_amounts_are_counted(tmp_path: Path) -> None:
    # D2 NaN, D3 empty (amount_yen is nullable: false), D4 +inf → 3 of 6 rows
    found = check(tmp_path, deals([100.0, math.nan, None, math.inf, 200.0, 300.0]))
    finite = found["table:deals:finite:amount_yen"]
    assert (finite.success, finite.unexpected_count, finite.element_count) == (False, 3, 6)
    assert finite.message_en == (
        "deals.amount_yen: 3 rows hold no finite number (NaN, ±infinity, or empty) (finite)"
        " — check how deals.parquet exports its amounts and counts (such rows silently drop out of sums)"
    )
    # implied (no finite check on amount_yen is declared): located at the column it guards
    assert str(finite.location) == "definitions/sources.yml:19:9"
    assert finite.severity == "error"


def test_an_empty_value_of_a_nullable_column_is_not_counted(tmp_path: Path) -> None:
    # gross_profit_yen may be empty; only the -inf counts
    found = check(tmp_path, deals([1.0, 2.0, 3.0], profits=[None, -math.inf, 5.0]))
    profit = found["table:deals:finite:gross_profit_yen"]
    assert (profit.success, profit.unexpected_count, profit.element_count) == (False, 1, 3)
    assert str(profit.location) == "definitions/sources.yml:26:9"  # declared


def test_negative_amounts_and_duplicate_ids(tmp_path: Path) -> None:
    table = deals([100.0, -50.0, 200.0, 200.0], profits=[1.0, 1.0, -3.0, 1.0], ids=["D1", "D2", "D3", "D3"])
    found = check(tmp_path, table)
    negative = found["table:deals:between:amount_yen"]
    assert (negative.success, negative.unexpected_count, negative.element_count) == (False, 1, 4)
    assert negative.message_en.startswith("deals.amount_yen: 1 rows hold a value outside ≥ 0 (between: ≥ 0)")
    duplicates = found["table:deals:unique:deal_id"]
    assert (duplicates.success, duplicates.unexpected_count) == (False, 2)
    warning = found["table:deals:between:gross_profit_yen"]
    assert (warning.success, warning.unexpected_count, warning.severity) == (False, 1, "warning")
    assert found["table:deals:finite:amount_yen"].success


def test_clean_amounts_pass(tmp_path: Path) -> None:
    found = check(tmp_path, deals([100.0, 0.0, 2e9]))
    assert [r.check_id for r in found.values() if not r.success] == []


def failed(check_id: str, rule: str, column: str | None, severity: str = "error") -> CheckResult:
    from generator.model.issue import Location

    table = check_id.split(":")[1]
    return CheckResult(
        check_id,
        "table",
        table,
        rule,
        column,
        False,
        1,
        9,
        "x",
        "x",
        Location("definitions/sources.yml", 1, 1),
        "warning" if severity == "warning" else "error",
    )


def test_which_kpis_a_failed_check_blocks() -> None:
    report = CheckReport(
        (
            failed("table:deals:finite:amount_yen", "finite", "amount_yen"),
            failed("table:deals:between:gross_profit_yen", "between", "gross_profit_yen", "warning"),
        )
    )
    problems = data_problems(report, project())
    # revenue sums amount_yen; deal_size is derived from revenue; profit's check is only a warning
    assert {k: [p.name for p in v] for k, v in problems.items()} == {
        "deal_size": ["deals.amount_yen (finite)"],
        "revenue": ["deals.amount_yen (finite)"],
    }


def test_a_duplicated_primary_key_blocks_every_kpi_of_the_table() -> None:
    report = CheckReport((failed("table:deals:unique:deal_id", "unique", "deal_id"),))
    assert sorted(data_problems(report, project())) == ["deal_size", "profit", "revenue", "won_deals"]


def test_a_future_timestamp_blocks_every_kpi_timed_by_the_column() -> None:
    # revenue, profit and won_deals are all timed by closed_at; deal_size is derived from two of them
    report = CheckReport((failed("table:deals:not_in_future:closed_at", "not_in_future", "closed_at"),))
    assert {k: [p.name for p in v] for k, v in data_problems(report, project()).items()} == {
        "deal_size": ["deals.closed_at (not_in_future)"],
        "profit": ["deals.closed_at (not_in_future)"],
        "revenue": ["deals.closed_at (not_in_future)"],
        "won_deals": ["deals.closed_at (not_in_future)"],
    }


def test_ordered_blocks_kpis_reading_either_column_and_freshness_blocks_none() -> None:
    report = CheckReport(
        (
            failed("table:leads:ordered:created_at:mql_at", "ordered", "mql_at"),
            failed("table:leads:freshness:created_at", "freshness", "created_at"),
        )
    )
    assert {k: [p.name for p in v] for k, v in data_problems(report, project()).items()} == {
        "new_leads": ["leads.mql_at (ordered)"]
    }


def test_kpi_check_data_fails_on_errors_and_warns_on_warnings(tmp_path: Path) -> None:
    from generator.commands.check import data_issues
    from generator.model.issue import Severity
    from generator.pipeline import Workspace, load

    root = tmp_path / "project"
    (root / "definitions").mkdir(parents=True)
    (root / "metrics").mkdir()
    (root / "definitions" / "sources.yml").write_text(SOURCES_YML, encoding="utf-8")
    for kpi_id in ("revenue", "new_leads"):
        unit, compute = KPIS[kpi_id]
        text = KPI_YML.format(kpi_id=kpi_id, unit=unit, compute=compute)
        (root / "metrics" / f"{kpi_id}.yml").write_text(text, encoding="utf-8")
    check(root, deals([100.0, math.nan, 300.0], profits=[1.0, -2.0, 3.0]))  # writes root/data
    workspace = Workspace(root)
    issues = [
        i for i in data_issues(load(workspace).project, workspace) if i.code == "DATA001"
    ]  # (DATA002: these KPIs declare no checks)
    assert [(str(i.location), i.code, i.severity) for i in issues] == [
        ("definitions/sources.yml:27:9", "DATA001", Severity.WARNING),  # negative profit: a warning
        ("definitions/sources.yml:19:9", "DATA001", Severity.ERROR),  # the NaN amount: an error
    ]
