from __future__ import annotations

import pytest

from generator.rules.txt002_typed_figure import TypedFigure, typed_figures

from .conftest import Sandbox

RULE = TypedFigure()
SCOPE = "    scope: 2026年度の MQL コホート\n"
FILE = "metrics/mql_to_sql_rate.yml"


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("8月は 21.8%(目標 20%)", ["21.8%", "20%"]),
        ("受注 20件 ÷ SQL 100件", ["20件", "100件"]),
        ("5億円 ÷ 平均受注単価 500万円 = 100件", ["5億円", "500万円", "100件"]),
        ("LTV 1,050万円 は 4.2 倍", ["1,050万円", "4.2 倍"]),
        (
            "3pt 上げる、2倍、5日以内、1.5時間、3か月、2ヶ月、12ヵ月",
            ["3pt", "2倍", "5日", "1.5時間", "3か月", "2ヶ月", "12ヵ月"],
        ),
        ("10営業日・2営業時間", ["10営業日", "2営業時間"]),
        ("全角の ３０％ と ２，５００件", ["３０％", "２，５００件"]),
        ("予算 2億", ["2億"]),
    ],
)
def test_a_number_followed_by_a_unit_is_a_typed_figure(text: str, figures: list[str]) -> None:
    assert typed_figures(text) == figures


@pytest.mark.parametrize(
    "text",
    [
        "2026年4月から2027年3月まで、2026年度の計画",  # dates: 年 and 月 are not units
        "4月1日と10月31日に見直す",  # a day of a month is a date, not a day count
        "FY2026 の W40 と FY2026-Q1",  # labels glued to letters
        "第1四半期、第3日、1件目、2日目の対応",  # ordinals
        "CTA を 1つに絞る、毎月 2本、週 1通、5回まで、スコア 60点",  # counts with other words
        "継続反応 7/10 以上",  # a score out of ten
        "17時以降に MQL 化したリード",  # a clock time is not 時間
        "{{mql_to_sql_rate@2026-08}} から {{mql_to_sql_rate@target}} へ",  # references are cited, not typed
        "v1.2件",  # a version string
    ],
)
def test_dates_ordinals_and_references_are_not_figures(text: str) -> None:
    assert typed_figures(text) == []


def test_a_typed_figure_in_a_rationale_is_a_warning_at_the_field(sandbox: Sandbox) -> None:
    sandbox.edit(FILE, SCOPE, SCOPE + "    rationale: 2025年度実績 17% から 3pt 上げる\n")
    assert sandbox.found(RULE) == [f"{FILE}:25:16 TXT002 warning"]
    issue = sandbox.issues(RULE)[0]
    assert "「17%」「3pt」" in issue.message_en
    assert (
        "{{mql_to_sql_rate@target}}" in issue.message_en and "{{mql_to_sql_rate@2026-08}}" in issue.message_ja
    )


def test_each_review_note_is_checked_on_its_own_line(sandbox: Sandbox) -> None:
    review = (
        "reviews:\n"
        "  - date: 2026-09-01\n"
        "    observation: 8月は {{mql_to_sql_rate@2026-08}}\n"
        "    cause: 展示会リードの接触が 3日遅れた\n"
        "    action: 目標 20% に戻す\n"
        "    owner: 佐藤\n"
        "    due: 2026-10-01\n"
    )
    sandbox.edit(FILE, "terms: [MQL", review + "terms: [MQL")
    # reviews: is line 35; cause on 38, action on 39, values at columns 12 and 13
    assert sandbox.found(RULE) == [f"{FILE}:38:12 TXT002 warning", f"{FILE}:39:13 TXT002 warning"]


def test_prose_without_figures_and_the_scope_are_not_checked(sandbox: Sandbox) -> None:
    # scope is not a rationale: "2026年度" there (and any figure) is the target's coverage, not a citation
    sandbox.edit(FILE, SCOPE, "    scope: 上位 100件のアカウント\n    rationale: 前年度の実績を上回る\n")
    assert sandbox.found(RULE) == []
