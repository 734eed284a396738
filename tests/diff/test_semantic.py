"""The semantic diff on real git commits: what each kind of edit is called and how it is classified."""

from __future__ import annotations

from pathlib import Path

import pytest
from diff_kit import edit, git, make_repo

from generator.diff.changes import Change
from generator.diff.revisions import load_revision
from generator.diff.semantic import semantic_diff


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("semantic"))


def changes_of_last_commit(repo: Path) -> list[Change]:
    base = load_revision(repo, "HEAD~1").loaded.project
    head = load_revision(repo, "HEAD").loaded.project
    return semantic_diff(base, head)


def lines(changes: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.category, c.text_ja, c.text_en) for c in changes]


def test_a_window_change_is_breaking(repo: Path) -> None:
    edit(repo, "metrics/mql_to_sql_rate.yml", "  window_days: 90\n", "  window_days: 60\n", "window")
    assert lines(changes_of_last_commit(repo)) == [
        (
            "breaking",
            "MQL→SQL転換率の計算方法の転換を数える期間(日): 90 → 60",
            "MQL to SQL conversion rate — computation › conversion window (days): 90 → 60",
        )
    ]


def test_a_target_change_reads_in_the_kpis_unit(repo: Path) -> None:
    edit(repo, "metrics/opportunity_rate.yml", "  - value: 0.85\n", "  - value: 0.9\n", "target")
    assert lines(changes_of_last_commit(repo)) == [
        (
            "target",
            "商談化率の目標: 85.0%以上(年度、期限 2027-03-31) → 90.0%以上(年度、期限 2027-03-31)",
            "Opportunity rate — target: at least 85.0% (a fiscal year, by 2027-03-31)"
            " → at least 90.0% (a fiscal year, by 2027-03-31)",
        )
    ]


def test_a_targets_period_is_part_of_its_wording(repo: Path) -> None:
    # 100 deals a fiscal year and 100 deals a month are different targets: the line must show the change.
    edit(repo, "metrics/deals_won.yml", "    period: fiscal_year\n", "    period: month\n", "period")
    assert lines(changes_of_last_commit(repo)) == [
        (
            "target",
            "受注数の目標: 100件以上(年度、期限 2027-03-31) → 100件以上(月、期限 2027-03-31)",
            "Deals won — target: at least 100件 (a fiscal year, by 2027-03-31)"
            " → at least 100件 (a month, by 2027-03-31)",
        )
    ]


def test_a_scoring_rules_points_are_breaking(repo: Path) -> None:
    old = "      points: 20\n      activity: download\n"
    edit(repo, "definitions/sla/standard_sla.yml", old, old.replace("20", "30"), "points")
    assert lines(changes_of_last_commit(repo)) == [
        (
            "breaking",
            "MQL/SQL 標準SLAのスコアリングのルール「ホワイトペーパーのダウンロード」の点数: 20点 → 30点",
            "MQL/SQL 標準SLA — scoring › rule “ホワイトペーパーのダウンロード” › points:"
            " 20 points → 30 points",
        )
    ]


def test_a_renamed_kpi_is_one_breaking_rename(repo: Path) -> None:
    git(repo, "mv", "metrics/downloads.yml", "metrics/whitepaper_downloads.yml")
    edit(repo, "metrics/whitepaper_downloads.yml", "id: downloads\n", "id: whitepaper_downloads\n", "rename")
    changes = changes_of_last_commit(repo)
    assert [(c.kind, c.category, c.old_id, c.entity_id) for c in changes] == [
        ("renamed", "breaking", "downloads", "whitepaper_downloads")
    ]
    assert changes[0].text_ja == "KPI の ID を変更: downloads → whitepaper_downloads(「資料DL数」)"


def test_a_removed_check_is_breaking(repo: Path) -> None:
    edit(repo, "metrics/mql_count.yml", "  - {check: latest_period_present}\n", "", "check")
    changes = changes_of_last_commit(repo)
    assert [(c.kind, c.category, c.fields) for c in changes] == [("removed", "breaking", ("checks",))]
    assert changes[0].text_ja.startswith("MQL数のデータチェック「latest_period_present」を削除")


def test_a_reworded_description_is_cosmetic(repo: Path) -> None:
    edit(
        repo,
        "metrics/mql_count.yml",
        "  数だけを追うと質が落ちるので、",
        "  数だけを追うと質が下がるので、",
        "w",
    )
    changes = changes_of_last_commit(repo)
    assert [(c.category, c.fields) for c in changes] == [("cosmetic", ("description",))]
    assert changes[0].text_en.endswith("数だけを追うと質が下がるので、ターゲット業種比率と必ず並べて見る。”")


def test_a_persons_name_is_never_shown(repo: Path) -> None:
    edit(repo, "metrics/mql_count.yml", "person: 佐藤 美咲}", "person: 山田 花子}", "owner")
    changes = changes_of_last_commit(repo)
    assert lines(changes) == [
        (
            "cosmetic",
            "MQL数の担当の担当者を変更 (個人名のため表示しません)",
            "MQLs — owner › person changed (a person's name; not shown)",
        )
    ]


def test_a_reviews_owner_is_never_shown(repo: Path) -> None:
    edit(
        repo,
        "metrics/mql_to_sql_rate.yml",
        "    owner: 田中 由美\n",
        "    owner: 山田 花子\n",
        "review owner",
    )
    changes = changes_of_last_commit(repo)
    assert len(changes) == 1
    assert "田中" not in changes[0].text_ja + changes[0].text_en
    assert "山田" not in changes[0].text_ja + changes[0].text_en
    assert "(個人名のため表示しません)" in changes[0].text_ja
