"""On the built sample site, every statement of SLA compliance agrees with every other one.

The SLA page's headline, its weekly table and its team table are read from the built HTML and compared
with the KPI page of ``sla_compliance`` (its trend table and its 担当ISチーム segment table): same periods,
same values, same counts of decided hand-offs.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SLA_PAGE = "sla/standard_sla/index.html"
KPI_PAGE = "kpis/sla_compliance/index.html"
Table = list[list[str]]
TREND = "期間|値|この期間の目標|状態|分子|分母"
SEGMENT = "担当ISチーム|値(2026年度第2四半期)|母数"  # the segments' quarter is named in the header
WEEKS = "週|遵守率|判定済みの引き渡し件数"
TEAMS = "チーム|遵守率|判定済みの引き渡し件数"


def text(html: str) -> str:
    """What a reader sees: no charts, scripts or tags (glossary links do not split words)."""
    html = re.sub(r"<(svg|script)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def tables(html: str) -> dict[str, Table]:
    """Every table by its header row, cells joined by 「|」 (the first table of each header wins)."""
    found: dict[str, Table] = {}
    for body in re.findall(r"<table\b.*?</table>", html, flags=re.S):
        rows = [
            [text(cell) for cell in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, flags=re.S)]
            for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S)
        ]
        if rows and rows[0]:
            found.setdefault("|".join(rows[0]).replace(" ", ""), rows[1:])
    return found


def count(cell: str) -> str:
    """「1,234件」 and 「1,234」 alike."""
    return cell.removesuffix("件").replace(",", "")


@pytest.fixture(scope="module")
def pages(built_site: Path) -> tuple[str, str]:
    return (
        (built_site / SLA_PAGE).read_text(encoding="utf-8"),
        (built_site / KPI_PAGE).read_text(encoding="utf-8"),
    )


def test_the_sla_headline_is_the_kpis_value_for_the_same_week(pages: tuple[str, str]) -> None:
    sla_html, kpi_html = pages
    headline = re.search(
        r"SLA遵守率 ([\d.]+%) — (\d+月\d+日〜(?:\d+月)?\d+日の週)\((直近の完了した週)\)。"
        r"判定済みの引き渡し ([\d,]+)件のうち、期限内に初回接触 ([\d,]+)件",
        text(sla_html),
    )
    assert headline is not None, text(sla_html)[:2000]
    value, week, _, decided, met = headline.groups()
    trend = {row[0]: row for row in tables(kpi_html)[TREND]}
    # period | value | the period's target | status | numerator | denominator
    assert [trend[week][1], *trend[week][4:]] == [value, met.replace(",", ""), decided.replace(",", "")]


def test_the_weekly_table_and_the_kpi_series_agree_week_by_week(pages: tuple[str, str]) -> None:
    sla_html, kpi_html = pages
    trend = {row[0]: row for row in tables(kpi_html)[TREND]}
    weeks = tables(sla_html)[WEEKS]
    assert len(weeks) == 13
    assert weeks[-1][0].endswith("(途中)")  # the sample's as-of falls inside its last week
    for label, value, decided in weeks:
        week = label.removesuffix("(途中)")
        assert (trend[week][1], count(trend[week][5])) == (value, count(decided)), week


def test_the_team_table_is_the_kpis_team_segment(pages: tuple[str, str]) -> None:
    sla_html, kpi_html = pages
    assert "対象: " in text(sla_html) and "直近の完了した四半期)に引き渡した分" in text(sla_html)
    rows = tables(sla_html)[TEAMS]
    assert rows[-1][0] == "全チーム"
    teams = [(value, count(decided)) for _, value, decided in rows[:-1]]
    # Both pages list the teams by id; the SLA page names them as teams.yml does, the KPI page by
    # its segment labels (「IS 東日本」), so the rows are compared in order.
    segment = [(value, count(decided)) for _, value, decided in tables(kpi_html)[SEGMENT]]
    assert teams == segment and len(teams) >= 2
    # The total row is the quarter's: its decided hand-offs are the teams' added up.
    assert int(count(rows[-1][2])) == sum(int(decided) for _, decided in teams)
    assert "87.9%" not in text(sla_html)  # the contacted-only figure of the old headline


def test_the_weekly_chart_draws_the_target(pages: tuple[str, str]) -> None:
    sla_html, _ = pages
    assert "{&quot;ラベル&quot;:&quot;目標 90%&quot;,&quot;目標&quot;:0.9}" in sla_html
