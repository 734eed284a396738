"""A KPI's CSV files: BOM and CRLF, the page's suppression (hidden cells empty), formula-safe, same bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.check_result import CheckReport, CheckResult
from generator.model.issue import Location
from generator.model.measurement import SegmentValue
from generator.model.project import Project
from generator.render.inputs import SiteInputs
from generator.render.kpi_csv import cell_text, csv_paths, kpi_csv_files
from generator.render.pages.kpi import render_kpi_page
from generator.render.site_pages import render_site

REPO = Path(__file__).resolve().parents[2]
SEGMENTS = (
    SegmentValue("channel", "webinar", 0.25, 120.0),
    SegmentValue("channel", "referral", None, None, suppressed=True),
    # Text from a campaign name that a spreadsheet would run: the cell gets a leading '.
    SegmentValue("campaign", "CP009", 0.125, 80.0, label='=HYPERLINK("http://x","y")'),
    SegmentValue("campaign", "CP010", 0.5, 40.0, label="@SUM(A1)"),
    # 165 of 1,924: the page shows 8.6%; the exact rate × 1,924 would give back the 165.
    SegmentValue("campaign", "CP011", 165 / 1924, 1924.0, label="展示会"),
)


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


@pytest.fixture(scope="module")
def inputs(project: Project) -> SiteInputs:
    measurements = fake_measurements(project)
    measured = dataclasses.replace(measurements.kpis["mql_to_sql_rate"], segments=SEGMENTS)
    measurements = dataclasses.replace(measurements, kpis={**measurements.kpis, "mql_to_sql_rate": measured})
    return SiteInputs(project, measurements, fake_checks(project), k_anonymity=5)


def files(project: Project, inputs: SiteInputs, kpi_id: str = "mql_to_sql_rate") -> tuple[str, str]:
    loaded = project.kpi(kpi_id)
    assert loaded is not None
    written = kpi_csv_files(loaded.spec, inputs)
    assert written is not None
    return written.series, written.segments


def test_the_files_sit_beside_the_kpi_page() -> None:
    assert csv_paths("cpl") == ("kpis/cpl/cpl-series.csv", "kpis/cpl/cpl-segments.csv")


def test_the_series_has_every_month_with_its_target_and_phase(project: Project, inputs: SiteInputs) -> None:
    series, _ = files(project, inputs)
    assert series.startswith("\ufeff期間,値,単位,分子,分母,この期間の目標,期間の状態\r\n")
    rows = series.removeprefix("\ufeff").split("\r\n")
    # render_fakes: mql_to_sql_rate's seed is sum(ord) % 17 = 1606 % 17 = 8, so month i is
    # 0.10 + 0.01 * ((8 + i) % 12): April 0.18, May 0.19, September 0.11; numerator 30 + i, denominator
    # 200 + i; the target 0.20 for every month.
    assert rows[1] == "2026-04,0.18,割合(1 = 100%),30,200,0.2,確定"
    assert rows[2] == "2026-05,0.19,割合(1 = 100%),31,201,0.2,確定"
    # A cohort takes 90 days to convert: June (ended 6/30, +90 days = 9/28) is final on 9/30, July
    # onwards still maturing — shown, and marked as on the page.
    assert rows[3] == "2026-06,0.2,割合(1 = 100%),32,202,0.2,確定"
    assert [r.rsplit(",", 1)[1] for r in rows[4:7]] == ["成熟中", "成熟中", "成熟中"]
    assert rows[6] == "2026-09,0.11,割合(1 = 100%),35,205,0.2,成熟中"
    assert rows[7] == "" and len(rows) == 8


def test_a_hidden_segment_has_empty_cells_and_a_note_never_its_value(
    project: Project, inputs: SiteInputs
) -> None:
    _, segments = files(project, inputs)
    rows = segments.removeprefix("\ufeff").split("\r\n")
    assert rows[0] == "期間,区分の種類,区分キー,区分名,値,単位,母数,注記"
    referral = next(r for r in rows if ",referral," in r)
    assert referral.split(",")[4] == "" and referral.split(",")[6] == ""
    assert referral.endswith("非表示(5件未満の区分、または差し引きで値が求められないよう併せて伏せた区分)")
    assert rows[1] == "FY2026-Q2,チャネル,webinar,ウェビナー,0.25,割合(1 = 100%),120,"


def test_values_are_written_at_the_precision_the_page_shows(project: Project, inputs: SiteInputs) -> None:
    _, segments = files(project, inputs)
    row = next(r for r in segments.split("\r\n") if ",CP011," in r).split(",")
    # 0.0857588… at one decimal of a percent is 8.6% → 0.086; 0.086 × 1,924 = 165.46, not 165 exactly.
    assert (row[4], row[6]) == ("0.086", "1924")


def test_text_a_spreadsheet_would_run_is_prefixed(project: Project, inputs: SiteInputs) -> None:
    _, segments = files(project, inputs)
    assert ',"\'=HYPERLINK(""http://x"",""y"")",' in segments
    assert ",'@SUM(A1)," in segments
    assert [cell_text(t) for t in ("+1+2", "-1+2", "\tx", "\rx", "-3.5", "ok")] == [
        "'+1+2",
        "'-1+2",
        "'\tx",
        "'\rx",
        "-3.5",
        "ok",
    ]
    assert cell_text(-3.5) == "-3.5" and cell_text(635_110_000.0) == "635110000" and cell_text(None) == ""


def test_the_same_measurements_give_the_same_bytes(project: Project, inputs: SiteInputs) -> None:
    first = render_site(inputs).files
    again = render_site(inputs).files
    assert first == again
    assert "kpis/mql_to_sql_rate/mql_to_sql_rate-series.csv" in first
    assert len(first) == 2 * len(project.kpis)


def test_the_page_links_both_files(project: Project, inputs: SiteInputs) -> None:
    loaded = project.kpi("mql_to_sql_rate")
    assert loaded is not None
    page = render_kpi_page(loaded.spec, inputs)
    assert (
        "[CSV をダウンロード(推移)](mql_to_sql_rate/mql_to_sql_rate-series.csv)"
        '{ download="mql_to_sql_rate-series.csv" }' in page
    )
    assert "[CSV をダウンロード(セグメント別)](mql_to_sql_rate/mql_to_sql_rate-segments.csv)" in page


def test_a_kpi_withheld_for_a_data_problem_has_no_files_and_no_link(
    project: Project, inputs: SiteInputs
) -> None:
    # A failed error-level check on deals.amount_yen withholds marketing_sourced_revenue on its page.
    failure = CheckResult(
        "table:deals:finite:amount_yen",
        "table",
        "deals",
        "finite",
        "amount_yen",
        False,
        3,
        364,
        "deals.amount_yen: 3 件",
        "deals.amount_yen: 3 rows",
        Location("definitions/sources.yml", 170, 9),
    )
    broken = dataclasses.replace(inputs, checks=CheckReport(inputs.checks.results + (failure,)))
    loaded = project.kpi("marketing_sourced_revenue")
    assert loaded is not None
    assert kpi_csv_files(loaded.spec, broken) is None
    assert "CSV をダウンロード" not in render_kpi_page(loaded.spec, broken)
    assert (
        "kpis/marketing_sourced_revenue/marketing_sourced_revenue-series.csv" not in render_site(broken).files
    )
