"""A KPI whose inputs fail an error-level data check shows 「データに問題あり」, never a value or verdict."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.check_result import CheckReport, CheckResult
from generator.model.issue import Location
from generator.model.project import Project
from generator.render.inputs import SiteInputs
from generator.render.pages.home import render_home
from generator.render.pages.kpi import render_kpi_page
from generator.render.pages.tree import render_tree
from generator.render.site_pages import summary_json

REPO = Path(__file__).resolve().parents[2]
REVENUE_ROW = "| [マーケティング由来売上](kpis/marketing_sourced_revenue.md) |"
VERDICTS = ("🔴", "🟡", "🟢")


def failed(check_id: str, column: str, rule: str, severity: str = "error") -> CheckResult:
    return CheckResult(
        check_id,
        "table",
        "deals",
        rule,
        column,
        False,
        3,
        364,
        f"deals.{column}: 3 件",
        f"deals.{column}: 3 rows",
        Location("definitions/sources.yml", 170, 9),
        "warning" if severity == "warning" else "error",
    )


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


@pytest.fixture(scope="module")
def clean(project: Project) -> SiteInputs:
    return SiteInputs(project, fake_measurements(project), fake_checks(project))


@pytest.fixture(scope="module")
def broken(clean: SiteInputs) -> SiteInputs:
    """NaN/empty/∞ amounts (finite) and negative amounts (between) in deals.amount_yen."""
    extra = (
        failed("table:deals:finite:amount_yen", "amount_yen", "finite"),
        failed("table:deals:between:amount_yen", "amount_yen", "between"),
        failed("table:deals:between:gross_profit_yen", "gross_profit_yen", "between", "warning"),
    )
    return dataclasses.replace(clean, checks=CheckReport(clean.checks.results + extra))


def line_of(page: str, start: str) -> str:
    # The status table sits indented inside a collapsible block: lines are compared without the indent.
    found = [line.strip() for line in page.splitlines() if line.strip().startswith(start)]
    assert len(found) == 1, found
    return found[0]


def test_the_kpis_reading_the_amount_are_the_ones_affected(broken: SiteInputs, clean: SiteInputs) -> None:
    assert sorted(broken.data_problems) == ["average_deal_size", "marketing_sourced_revenue"]
    assert clean.data_problems == {}  # the stale-leads freshness failure in the fakes blocks nothing


def test_home_board_and_kgi_withhold_the_value(broken: SiteInputs, clean: SiteInputs) -> None:
    page = render_home(broken)
    row = line_of(page, REVENUE_ROW)
    assert row.startswith(
        f"{REVENUE_ROW} ⚠️ データに問題あり | データに問題あり: deals.amount_yen (between)、"
        "deals.amount_yen (finite)(2026年9月) |"
    )
    assert not any(verdict in row for verdict in VERDICTS)
    kgi = page[page.index("## KGI の進捗") : page.index("## KPI の状態")]
    assert (
        "値が確定した最新の期間: 2026年9月 "
        "データに問題あり: deals.amount_yen (between)、deals.amount_yen (finite)・前期比 —" in kgi
    )
    assert "<svg" not in kgi  # no sparkline from data a failed check calls wrong
    assert (
        '年度目標 <span class="kpi-amount" title="¥500,000,000">5億円</span>(期限 2027年3月31日): '
        "年度の累計と見込みは「データに問題あり」のため表示しません。" in page
    )
    assert "年度目標に対する進捗" not in page
    assert "⚠️ データに問題あり 2件" in page
    # an unaffected KPI keeps its value and verdict, exactly as without the problem
    mql = "| [MQL→SQL転換率](kpis/mql_to_sql_rate.md) | 🟢"  # its board row (the review table has one too)
    assert line_of(page, mql) == line_of(render_home(clean), mql)
    assert "🟢 順調 | 20.0%(2026年6月)" in line_of(page, mql)  # its latest cohort past the 90-day window


def test_kpi_page_names_the_failed_checks_and_shows_no_numbers(broken: SiteInputs, project: Project) -> None:
    revenue = project.kpi("marketing_sourced_revenue")
    assert revenue is not None
    page = render_kpi_page(revenue.spec, broken)
    assert '!!! failure "データに問題あり"' in page
    assert "[deals.amount_yen (finite)](../quality.md#check-table-deals-finite-amount_yen)" in page
    assert "| 期間 | 値 | この期間の目標 | 状態 | 分子 | 分母 |" not in page  # no trend table
    assert "¥10,000,000" not in page  # the fake's latest value appears nowhere
    assert not any(verdict in page for verdict in VERDICTS)
    assert "データに問題があるため内訳は表示しません。" in page


def test_tree_withholds_actual_and_forecast(broken: SiteInputs) -> None:
    cards = re.findall(r'<div class="kpi-tree__card (?:(?!</div>).)*</div>', render_tree(broken))
    nodes = [card for card in cards if 'href="../kpis/marketing_sourced_revenue/"' in card]
    assert len(nodes) == 2  # by KSF (as the KGI) and in the decomposition
    for node in nodes:
        assert 'class="kpi-tree__card kpi-tree__card--data_problem"' in node
        assert (
            '<span class="kpi-tree__fact">目標 <span class="kpi-amount" title="¥500,000,000">5億円</span>'
            " 以上(年度)</span>" in node
        )
        assert (
            '<span class="kpi-tree__fact">⚠️ データに問題あり: '
            "deals.amount_yen (between)、deals.amount_yen (finite)</span>" in node
        )
        assert "直近12か月" not in node and "見込み" not in node
        assert not any(verdict in node for verdict in VERDICTS)


def test_the_saved_summary_keeps_no_withheld_value(broken: SiteInputs) -> None:
    summary = summary_json(broken)
    assert (
        '"marketing_sourced_revenue": {\n   "period": "2026-09",\n'
        '   "status": "data_problem",\n   "value": null' in summary
    )
