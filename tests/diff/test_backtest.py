"""The lead-by-lead back-test of a changed MQL definition: counts of the quarter's MQLs lost and gained.

Dataset in diff_kit (as of 2026-09-30; every activity on 2026-09-10, so the latest complete fiscal
quarter is FY2026-Q2, July to September): a1…a6 score 55, b1…b5 (channel ads) score 75, c1…c5 score 30.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from diff_kit import edit, make_repo

from generator.cli import main
from generator.diff.markdown import backtest_line
from generator.engine.backtest import suppressed
from generator.model.backtest import MqlBacktest

SLA = "definitions/sla/standard_sla.yml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HEAD~1: threshold 60 → 50 and a new MQL criterion that leaves out the ads channel.

    Before: b1…b5 (75 ≥ 60) → 5 MQLs. After: b1…b5 fail the criterion, a1…a6 (55 ≥ 50) join → 6.
    Lost 5 (b), gained 6 (a); c (30) never.
    """
    repo = make_repo(tmp_path_factory.mktemp("backtest"))
    edit(repo, SLA, "  threshold: 60\n", "  threshold: 50\n", "threshold")
    edit(
        repo,
        SLA,
        "      filter: \"industry <> 'other'\"\n",
        "      filter: \"industry <> 'other'\"\n"
        "    - id: not_ads\n      label: 広告経由でない\n      filter: \"channel <> 'ads'\"\n",
        "criterion",
    )
    edit(repo, SLA, "name: MQL/SQL 標準SLA\n", "name: MQL/SQL 標準SLA(改)\n", "wording")
    return repo


def run(repo: Path, *arguments: str) -> str:
    data = repo.parent / "data"
    result = CliRunner().invoke(main, ["diff", *arguments, "--project", str(repo), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return result.output


def backtests(repo: Path, base: str, head: str) -> list[dict[str, Any]]:
    report = json.loads(run(repo, base, head, "--format", "json"))
    found: list[dict[str, Any]] = report["impact"]["backtests"]
    return found


def test_threshold_and_criterion_back_tested_lead_by_lead(repo: Path) -> None:
    assert backtests(repo, "HEAD~3", "HEAD~1") == [
        {"sla_id": "standard_sla", "quarter": "FY2026-Q2", "before": 5, "after": 6, "lost": 5, "gained": 6}
    ]


def test_lowering_the_threshold_only_adds_mqls(repo: Path) -> None:
    # 60 → 50: b1…b5 stay, a1…a6 join.
    assert backtests(repo, "HEAD~3", "HEAD~2") == [
        {"sla_id": "standard_sla", "quarter": "FY2026-Q2", "before": 5, "after": 11, "lost": 0, "gained": 6}
    ]


def test_a_wording_change_is_not_back_tested(repo: Path) -> None:
    report = json.loads(run(repo, "HEAD~1", "HEAD", "--format", "json"))
    assert report["impact"] is None  # nothing that could move a number


def test_the_comment_says_it_in_one_sentence(repo: Path) -> None:
    ja = run(repo, "HEAD~3", "HEAD~1")
    assert (
        "**standard\\_sla**: この変更で、直近の完了した四半期(2026年度第2四半期)の MQL のうち 5 件が"
        " MQL でなくなり、6 件が新たに MQL になります(MQL 5 件 → 6 件(+20%))。" in ja
    )
    en = run(repo, "HEAD~3", "HEAD~1", "--lang", "en")
    assert (
        "with this change, 5 of the MQLs of the latest complete quarter (FY2026 Q2) are no longer MQLs"
        " and 6 leads become MQLs (MQLs 5 → 6(+20%))." in en
    )
    assert "a1" not in ja and "b1" not in ja  # counts only, never a lead


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ((500, 497, 3, 0), (None, None, None, None)),  # 3 lost under k=5: all four hidden
        ((5, 11, 0, 6), (5, 11, 0, 6)),  # zero names nobody
        ((4, 10, 0, 6), (None, None, None, None)),  # a small quarter: gained − lost would give it
        ((120, 130, 10, 20), (120, 130, 10, 20)),
    ],
)
def test_a_count_under_k_hides_the_four(
    counts: tuple[int, int, int, int], shown: tuple[int | None, ...]
) -> None:
    assert suppressed(counts, 5) == shown


def test_a_suppressed_back_test_says_why() -> None:
    line = backtest_line(MqlBacktest("standard_sla", "FY2026-Q2", None, None, None, None), 5, True)
    assert line == (
        "**standard\\_sla**: 直近の完了した四半期(2026年度第2四半期)の MQL の入れ替わりは、"
        "5 件未満の数を含むため件数を示しません。"
    )
