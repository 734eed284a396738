"""The home page as a dashboard: a card per KPI by funnel stage, sparklines, 万/億 and periods in words."""

from __future__ import annotations

import re

from render_fakes import fake_checks, fake_measurements
from test_judged_periods import month, spec, week, with_series

# The fixture ``project`` (the repository's own catalogue) comes from test_judged_periods.
from test_judged_periods import project as project

from generator.model.project import Project
from generator.render.inputs import SiteInputs
from generator.render.links import HOME, Links
from generator.render.money_text import short_money, written_value
from generator.render.pages.dashboard import kpi_card
from generator.render.pages.home import render_home
from generator.render.pages.kpi import render_kpi_page
from generator.render.views import kpi_view

CIRCLE = re.compile(
    r'<circle class="kpi-spark__point( kpi-spark__point--unfinished)?" cx="([\d.]+)" cy="([\d.]+)"'
)


def cards_section(page: str) -> str:
    return page[page.index("## KPI の状態") : page.index("### KPI ステータス一覧(表)")]


def test_home_has_one_linked_card_per_kpi_grouped_by_funnel_stage(project: Project) -> None:
    page = render_home(SiteInputs(project, fake_measurements(project), fake_checks(project)))
    cards = cards_section(page)
    ids = sorted(loaded.spec.id for loaded in project.kpis)
    assert cards.count('<div class="kpi-card kpi-card--') == len(ids) == 45
    for kpi_id in ids:  # each card names its KPI with a link to its page, once
        assert cards.count(f'](kpis/{kpi_id}.md)** <span class="kpi-card__status">') == 1, kpi_id
    headings = re.findall(r"^### (.+) \{#stage-(\w+)\}$", cards, flags=re.MULTILINE)
    assert [stage for _, stage in headings] == ["top", "middle", "bottom", "sla", "any"]
    stage_of = {loaded.spec.id: loaded.spec.stage for loaded in project.kpis}
    for (_, stage), block in zip(headings, re.split(r"^### .+$", cards, flags=re.MULTILINE)[1:], strict=True):
        linked = re.findall(r"\]\(kpis/(\w+)\.md\)\*\*", block)
        assert linked and {stage_of[kpi_id] for kpi_id in linked} == {stage}
    # the table stays one click away, collapsed under the cards
    assert '??? note "表で見る(状態・値・前期比・前年同期比・順調の基準・目標)"' in page
    header = "| KPI | 状態 | 値(判定した期間) | 前期比 | 前年同期比 | 順調の基準 | この期間の目標(期限) |"
    assert f"    {header}" in page


def test_a_sparkline_has_a_point_per_period_and_greys_maturing_cohorts(project: Project) -> None:
    # mql_to_sql_rate: monthly cohorts with a 90-day window. Fourteen months, 1% … 14%; the card draws the
    # last twelve (3% … 14%). As of 30 September 2026 the July, August and September cohorts have waited
    # 61, 30 and 0 days of 90: grey. June (92 days) and earlier are complete.
    labels = [f"2025-{m:02d}" for m in range(8, 13)] + [f"2026-{m:02d}" for m in range(1, 10)]
    points = tuple(month(label, (i + 1) / 100) for i, label in enumerate(labels))
    inputs = with_series(project, "mql_to_sql_rate", "month", points)
    card = kpi_card(kpi_view(spec(project, "mql_to_sql_rate"), inputs), Links(HOME))
    circles = CIRCLE.findall(str(card.spark))
    assert len(circles) == 12
    assert [bool(grey) for grey, _, _ in circles] == [False] * 9 + [True] * 3
    # lowest (3%) bottom-left, highest (14%) top-right, inside a 120 × 32 box with 3 px to spare
    assert circles[0][1:] == ("3.0", "29.0") and circles[-1][1:] == ("117.0", "3.0")
    assert str(card.spark).count("<polyline") == 1
    assert card.period == "2026年6月"  # the judged cohort, in words
    assert 'aria-label="MQL→SQL転換率 の直近12期間の推移(灰色は途中・成熟中の期間)"' in str(card.spark)


def test_a_kpi_name_in_a_sparkline_label_is_text(project: Project) -> None:
    kpi = spec(project, "new_leads").model_copy(update={"name": '<script>x</script>"'})
    inputs = with_series(project, "new_leads", "month", (month("2026-08", 5.0), month("2026-09", 6.0)))
    spark = str(kpi_card(kpi_view(kpi, inputs), Links(HOME)).spark)
    assert "<script>" not in spark and 'aria-label="&lt;script&gt;x&lt;/script&gt;&quot; の直近' in spark


def test_money_on_a_card_reads_in_man_and_oku_with_the_exact_yen_kept() -> None:
    assert short_money(635_110_000) == "6.4億円"  # one decimal of 億, as the chart axes
    assert short_money(12_500_000) == "1,250万円"
    assert short_money(99_996_000) == "1億円"  # 9,999.6万 rounds up to 1億, never 10,000万
    assert short_money(-25_000) == "-2.5万円"
    assert short_money(14_277) == "1.4万円"  # one decimal below 100万: never 「1万円」 for ¥14,277
    assert short_money(995_000) == "99.5万円" and short_money(1_004_999) == "100万円"
    assert short_money(9_999) is None  # below 1万: written in full
    assert short_money(635_110_000, "USD") is None  # 万/億 are for yen


def test_running_text_writes_yen_in_man_and_oku(project: Project) -> None:
    revenue, rate = spec(project, "marketing_sourced_revenue"), spec(project, "mql_to_sql_rate")
    assert written_value(revenue, 635_110_000.0) == "6.4億円"
    assert written_value(revenue, 5_000_000.0) == "500万円"
    assert written_value(revenue, 8_000.0) == "¥8,000"  # below 1万: in full
    assert written_value(revenue, None) == "—"
    assert written_value(rate, 0.2) == "20.0%"


def test_a_weekly_kpi_page_names_its_weeks_in_words(project: Project) -> None:
    inputs = with_series(
        project, "first_contact_rate", "week", (week("2026-W39", 0.96), week("2026-W40", 0.5))
    )
    page = render_kpi_page(spec(project, "first_contact_rate"), inputs)
    assert "| 9月21日〜27日の週 | 96.0% |" in page
    assert "| 9月28日〜10月4日の週 | 50.0% |" in page
    tables = [line for line in page.splitlines() if line.startswith("|")]
    assert not any("2026-W" in line for line in tables)  # the machine label stays in the chart data only
