"""``kpi diff`` end to end on a real git repository: the changes, and the numbers before → after.

The dataset and the hand-worked numbers are in diff_kit's docstring. Three commits on top of the
shipped catalogue: the MQL threshold 60 → 50, the response deadline 8 → 4 business hours, and
mql_count filtered to the webinar channel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from diff_kit import edit, make_repo

from generator.cli import main


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("diff")
    repo = make_repo(root)
    edit(repo, "definitions/sla/standard_sla.yml", "  threshold: 60\n", "  threshold: 50\n", "threshold")
    edit(
        repo, "definitions/sla/standard_sla.yml", "  business_hours: 8\n", "  business_hours: 4\n", "deadline"
    )
    edit(
        repo,
        "metrics/mql_count.yml",
        "  time: mql_at\n",
        "  time: mql_at\n  filter: \"channel = 'webinar'\"\n",
        "f",
    )
    return repo


def run(repo: Path, *arguments: str) -> tuple[int, str]:
    data = repo.parent / "data"
    result = CliRunner().invoke(main, ["diff", *arguments, "--project", str(repo), "--data-dir", str(data)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def report(repo: Path) -> dict[str, Any]:
    code, output = run(repo, "HEAD~3", "HEAD", "--format", "json")
    assert code == 0
    parsed: dict[str, Any] = json.loads(output)
    return parsed


def kpi_impact(report: dict[str, Any], kpi_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(k for k in report["impact"]["kpis"] if k["kpi_id"] == kpi_id)
    return found


def test_changes_are_classified_and_worded(report: dict[str, Any]) -> None:
    lines = {(c["category"], c["text_ja"], c["text_en"]) for c in report["changes"]}
    assert lines == {
        ("breaking", "MQL の閾値: 60点 → 50点", "MQL threshold: 60 points → 50 points"),
        (
            "breaking",
            "MQL数の計算方法の絞り込み条件: なし → 「channel = 'webinar'」",
            "MQLs — computation › filter: none → “channel = 'webinar'”",
        ),
        (
            "target",
            "初回対応の期限: 8営業時間 → 4営業時間",
            "first-response deadline: 8 business hours → 4 business hours",
        ),
    }


def test_threshold_change_moves_rule_derived_mqls(report: dict[str, Any]) -> None:
    # 60 points: only b1…b5 (75 points) → 5; 50 points: a1…a6 (55 points) join → 11.
    sla = report["impact"]["slas"][0]
    assert (sla["threshold_before"], sla["threshold_after"]) == (60, 50)
    assert (sla["mqls_before"], sla["mqls_after"]) == (5, 11)
    over = kpi_impact(report, "leads_over_threshold")
    assert (over["period"], over["latest_before"], over["latest_after"]) == ("2026-09", 5, 11)
    assert (over["year_before"], over["year_after"]) == (5, 11)


def test_filter_change_moves_mql_count(report: dict[str, Any]) -> None:
    # 2026-09: a1…a6 (webinar) + b1…b5 (ads) = 11 → 6 webinar; twelve months add c1, c2 (webinar): 13 → 8.
    mqls = kpi_impact(report, "mql_count")
    assert (mqls["latest_before"], mqls["latest_after"]) == (11, 6)
    assert (mqls["year_before"], mqls["year_after"]) == (13, 8)


def test_deadline_change_moves_compliance(report: dict[str, Any]) -> None:
    # First contacts after 1, 3, 5, 7 and 10 business hours: 4/5 within 8 hours, 2/5 within 4.
    sla = report["impact"]["slas"][0]
    assert (sla["week"], sla["compliance_before"], sla["compliance_after"]) == ("2026-W39", 0.8, 0.4)
    compliance = kpi_impact(report, "sla_compliance")
    assert (compliance["latest_before"], compliance["latest_after"]) == (0.8, 0.4)


def test_markdown_comment_in_japanese_and_english(repo: Path) -> None:
    _, ja = run(repo, "HEAD~3", "HEAD")
    assert "- MQL の閾値: 60点 → 50点(definitions/sla/standard\\_sla.yml:" in ja
    assert "| MQL数 | 2026-09 | 11件 → 6件(−45%) | 13件 → 8件(−38%) |" in ja
    assert "| standard\\_sla | 2026-W39 | 80.0% → 40.0%(−40.0pt) | 5 件 → 11 件(+120%) |" in ja
    assert "<summary>目標・期限・判定基準の変更(1 件)</summary>" in ja
    _, en = run(repo, "HEAD~3", "HEAD", "--lang", "en", "--no-impact")
    assert "- MQL threshold: 60 points → 50 points(definitions/sla/standard\\_sla.yml:" in en
    assert "HEAD\\~3 → HEAD: 2 breaking, 1 target, 0 cosmetic" in en


def test_github_annotations_point_at_the_changed_lines(repo: Path) -> None:
    _, output = run(repo, "HEAD~3", "HEAD", "--format", "github", "--no-impact")
    threshold_line = (
        (repo / "definitions/sla/standard_sla.yml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("  threshold: 50")
    )
    expected = (
        f"::warning file=definitions/sla/standard_sla.yml,line={threshold_line + 1},"
        "title=破壊的な変更::MQL の閾値: 60点 → 50点"
    )
    assert expected in output.splitlines()


def test_fail_on_breaking_needs_an_approval_marker(repo: Path) -> None:
    assert run(repo, "HEAD~3", "HEAD", "--no-impact")[0] == 0
    code, output = run(repo, "HEAD~3", "HEAD", "--no-impact", "--fail-on", "breaking")
    assert code == 1
    assert "❌ 承認の印がない破壊的な変更が 2 件あります" in output
    assert (
        run(repo, "HEAD~3", "HEAD", "--no-impact", "--fail-on", "breaking", "--labels", "x,kpi-approved")[0]
        == 0
    )


def test_a_changelog_entry_approves_the_breaking_change_of_its_file(repo: Path, tmp_path: Path) -> None:
    entry = "changelog:\n  - {date: 2026-10-01, note: 閾値を 50 点に下げる(営業と合意)}\n"
    sla_file = repo / "definitions/sla/standard_sla.yml"
    original = sla_file.read_text(encoding="utf-8")
    try:
        sla_file.write_text(original + entry, encoding="utf-8")  # HEAD = the working tree
        code, output = run(repo, "HEAD~3", "--no-impact", "--fail-on", "breaking")
        # The SLA's threshold is approved by its new entry; mql_count's filter is not.
        assert code == 1
        assert "❌ 承認の印がない破壊的な変更が 1 件あります" in output
    finally:
        sla_file.write_text(original, encoding="utf-8")


def test_an_unknown_revision_is_explained(repo: Path) -> None:
    code, output = run(repo, "no-such-branch")
    assert code == 1
    assert "git のリビジョン「no-such-branch」が見つかりません" in output


def test_target_changes_move_what_the_tree_requires(tmp_path: Path) -> None:
    # The KGI's ¥500M = deals won × average deal size; deals won = SQLs (500) × SQL→won rate. Raising
    # the rate 20% → 25% with deals 100 → 125 and the deal size ¥5M → ¥4M keeps the tree consistent
    # (TREE009); worked back from ¥500M: deals 500M / 4M = 125, the rate 125 / 500 SQLs = 25%.
    target_repo = make_repo(tmp_path)
    edit(target_repo, "metrics/sql_to_won_rate.yml", "  - value: 0.20\n", "  - value: 0.25\n", "rate")
    edit(target_repo, "metrics/deals_won.yml", "  - value: 100\n", "  - value: 125\n", "deals")
    edit(target_repo, "metrics/average_deal_size.yml", "  - value: 5000000\n", "  - value: 4000000\n", "size")
    code, output = run(target_repo, "HEAD~3")
    assert code == 0
    assert "- SQL→受注率の目標: 20.0%以上(年度、期限 2027-03-31) → 25.0%以上(年度、期限 2027-03-31)" in output
    table = output.split("| KPI | KGI の目標から逆算した必要量 変更前 → 変更後 |\n| --- | --- |\n", 1)[1]
    assert table.split("\n\n", 1)[0].splitlines() == [
        "| 平均受注単価 | ¥5,000,000 → ¥4,000,000(−20%) |",
        "| 受注数 | 100件 → 125件(+25%) |",
        "| SQL→受注率 | 20.0% → 25.0%(+5.0pt) |",
    ]
