"""Figures printed from data: references in prose and the tree's arithmetic above each rationale."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.engine.tree_math import build_nodes
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.check_result import CheckReport, CheckResult
from generator.model.issue import Location
from generator.model.measurement import KpiMeasurement, MeasurementSet, Point
from generator.model.project import Project
from generator.render.inputs import SiteInputs
from generator.render.pages.home import render_home
from generator.render.pages.kpi import render_kpi_page
from generator.render.references import NO_DATA, resolve_text
from generator.render.target_arithmetic import equation, target_equations

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
AS_OF = dt.date(2026, 9, 30)


def _load(root: Path) -> Project:
    loaded = load_catalogue(DirectoryTree(root))
    assert loaded.issues == ()
    return loaded.project


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _measurements() -> MeasurementSet:
    # mql_to_sql_rate (monthly, percent, 0 decimals): July 21.8 % → "22%", August measured but empty,
    # September absent from the series. sla_compliance (weekly): W14 at 87.5 % → "88%".
    rate = KpiMeasurement(
        "mql_to_sql_rate",
        "month",
        (
            Point("2026-07", dt.date(2026, 7, 1), 0.218, 109, 500),
            Point("2026-08", dt.date(2026, 8, 1), None),
        ),
    )
    sla = KpiMeasurement("sla_compliance", "week", (Point("2026-W14", dt.date(2026, 3, 30), 0.875, 35, 40),))
    return MeasurementSet(AS_OF, "fp", {"mql_to_sql_rate": rate, "sla_compliance": sla})


@pytest.fixture
def project() -> Project:
    return _load(MINIMAL)


@pytest.fixture
def inputs(project: Project) -> SiteInputs:
    return SiteInputs(project, _measurements(), CheckReport(()))


def test_a_reference_prints_the_value_of_its_period(inputs: SiteInputs) -> None:
    text = "7月は {{mql_to_sql_rate@2026-07}}、W14 は {{sla_compliance@2026-W14}}"
    assert resolve_text(text, inputs) == "7月は 22%、W14 は 88%"


def test_a_period_without_a_value_reads_no_data(inputs: SiteInputs) -> None:
    # August is in the series with no value; September is not in it at all.
    text = "{{mql_to_sql_rate@2026-08}} / {{mql_to_sql_rate@2026-09}} / {{sql_count@2026-08}}"
    assert resolve_text(text, inputs) == f"{NO_DATA} / {NO_DATA} / {NO_DATA}"


def test_a_target_reference_prints_the_target_in_force(inputs: SiteInputs) -> None:
    # mql_to_sql_rate's target 0.2 → 20%; sql_count's 100 → 100件; revenue's 100,000,000 yen.
    text = "目標 {{mql_to_sql_rate@target}}、{{ sql_count @ target }}、{{revenue@target}}"
    assert resolve_text(text, inputs) == "目標 20%、100件、1億円"


def test_an_unreadable_reference_never_prints_its_text(inputs: SiteInputs) -> None:
    assert (
        resolve_text("{{nope@target}} {{mql_to_sql_rate@2026-13}}", inputs)
        == "—(参照を読めません) —(参照を読めません)"
    )


def test_a_value_withheld_by_a_failed_check_is_withheld_in_prose(project: Project) -> None:
    # an error-level check on leads.mql_at, the cohort column mql_to_sql_rate reads
    failed = CheckResult(
        "table:leads:not_null:mql_at",
        "table",
        "leads",
        "not_null",
        "mql_at",
        False,
        3,
        100,
        "leads.mql_at: 3 件",
        "leads.mql_at: 3 rows",
        Location("definitions/sources.yml", 10, 9),
    )
    inputs = SiteInputs(project, _measurements(), CheckReport((failed,)))
    assert resolve_text("{{mql_to_sql_rate@2026-07}}", inputs) == "—(データに問題あり)"


def test_the_tree_prints_each_parents_arithmetic_from_the_childrens_targets(project: Project) -> None:
    nodes = build_nodes(project)
    # revenue = deals_won 20 × avg_deal_size 5,000,000 = 100,000,000 (the volume is written first)
    assert equation(nodes, "revenue") == "受注数 20件 × 平均受注単価 500万円 = マーケティング由来売上 1億円"
    # deals_won = sql_count 100 × sql_to_won_rate 0.2 = 20
    assert equation(nodes, "deals_won") == "SQL数 100件 × SQL→受注率 20% = 受注数 20件"
    # mql_count combines by "contributes": no arithmetic to print
    assert equation(nodes, "mql_count") is None
    # sql_count's page shows its own decomposition (500 × 20% = 100), then the one it feeds (100 × 20% = 20)
    assert target_equations(project, "sql_count") == [
        "MQL数 500件 × MQL→SQL転換率 20% = SQL数 100件",
        "SQL数 100件 × SQL→受注率 20% = 受注数 20件",
    ]


def test_a_ratio_divides_and_a_result_off_the_target_says_so(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "metrics/revenue.yml", "combine: product", "combine: ratio")
    _edit(root, "metrics/deals_won.yml", "  parent: revenue\n", "  parent: revenue\n  role: numerator\n")
    _edit(
        root, "metrics/avg_deal_size.yml", "  parent: revenue\n", "  parent: revenue\n  role: denominator\n"
    )
    # 20 ÷ 5,000,000 = 0.000004 yen, far from the 100,000,000 target
    line = equation(build_nodes(_load(root)), "revenue")
    assert line == "受注数 20件 ÷ 平均受注単価 500万円 = マーケティング由来売上 ¥0(目標 1億円 と合いません)"


def test_the_kpi_page_prints_the_arithmetic_above_the_written_rationale(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    scope = "    scope: 2026年度の全チャネル\n"
    rationale = "    rationale: '前年の 7月 {{mql_to_sql_rate@2026-07}} を基準に <script>x</script>'\n"
    _edit(root, "metrics/sql_count.yml", scope, scope + rationale)
    project = _load(root)
    inputs = SiteInputs(project, _measurements(), CheckReport(()))
    loaded = project.kpi("sql_count")
    assert loaded is not None
    page = render_kpi_page(loaded.spec, inputs)
    cell = (
        "MQL数 500件 × MQL→SQL転換率 20% = SQL数 100件<br>SQL数 100件 × SQL→受注率 20% = 受注数 20件"
        "<br>前年の 7月 22% を基準に &lt;script&gt;x&lt;/script&gt; |"
    )
    assert cell in page
    assert "<script>" not in page


def test_review_notes_print_their_references_on_the_kpi_page_and_home(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    review = (
        "reviews:\n"
        "  - date: 2026-08-01\n"
        "    observation: 7月は {{mql_to_sql_rate@2026-07}}(目標 {{mql_to_sql_rate@target}})\n"
        "    cause: 8月は {{mql_to_sql_rate@2026-08}}\n"
        "    action: 目標 {{mql_to_sql_rate@target}} まで戻す\n"
        "    owner: 佐藤\n"
        "    due: 2026-09-01\n"
    )
    _edit(root, "metrics/mql_to_sql_rate.yml", "terms: [MQL", review + "terms: [MQL")
    project = _load(root)
    inputs = SiteInputs(project, _measurements(), CheckReport(()))
    loaded = project.kpi("mql_to_sql_rate")
    assert loaded is not None
    page = render_kpi_page(loaded.spec, inputs)
    assert "| 7月は 22%(目標 20%) | 8月は —(データなし) | 目標 20% まで戻す |" in page
    assert "{{" not in page and "&#123;&#123;" not in page
    # the overdue action on the home page (due 2026-09-01, as of 2026-09-30) is printed the same way
    assert "| 目標 20% まで戻す |" in render_home(inputs)
