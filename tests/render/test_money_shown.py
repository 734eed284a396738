"""Money in tables, sentences and chart tooltips: 万/億 like the cards and axes, exact yen on hover."""

from __future__ import annotations

import html
import re

import pytest
from render_fakes import fake_checks, fake_measurements
from test_judged_periods import month, spec, with_series

# The fixture ``project`` (the repository's own catalogue) comes from test_judged_periods.
from test_judged_periods import project as project

from generator.model.kpi import Kpi
from generator.model.project import Project
from generator.render.inputs import SiteInputs
from generator.render.money_shown import (
    bound_markup,
    change_markup,
    money_markup,
    reader_money,
    tooltip_money,
)
from generator.render.pages.home import render_home
from generator.render.pages.kpi import render_kpi_page
from generator.render.pages.tree import render_tree
from generator.render.views import kpi_view


def line_of(page: str, start: str) -> str:
    return next(line for line in page.splitlines() if line.strip().startswith(start))


def revenue(project: Project) -> Kpi:
    """マーケティング由来売上: yen, 0 decimals; on track from ¥41,700,000 a month, at risk ¥32,500,000."""
    return spec(project, "marketing_sourced_revenue")


@pytest.mark.parametrize(
    ("value", "shown", "exact"),
    [
        (9_999.0, "¥9,999", None),  # below 1万: in full, nothing to hover
        (10_000.0, "1万円", "¥10,000"),
        (999_999.0, "100万円", "¥999,999"),  # 99.9999万 to one decimal
        (1_000_000.0, "100万円", "¥1,000,000"),
        (99_995_000.0, "1億円", "¥99,995,000"),  # 9,999.5万 rounds half up to 1億, never 10,000万
        (100_000_000.0, "1億円", "¥100,000,000"),
        (635_110_000.0, "6.4億円", "¥635,110,000"),
        (-12_500_000.0, "-1,250万円", "-¥12,500,000"),
        (-9_999.0, "-¥9,999", None),
        (None, "—", None),
    ],
)
def test_yen_reads_in_man_and_oku_with_the_exact_amount_kept(
    project: Project, value: float | None, shown: str, exact: str | None
) -> None:
    assert reader_money(revenue(project), value) == (shown, exact)


def test_other_currencies_and_units_stay_in_full(project: Project) -> None:
    dollars = revenue(project).model_copy(update={"currency": "USD"})
    assert reader_money(dollars, 635_110_000.0) == ("US$635,110,000", None)
    assert str(money_markup(dollars, 635_110_000.0)) == "US$635,110,000"
    rate = spec(project, "mql_to_sql_rate")
    assert reader_money(rate, 0.2) == ("20.0%", None)
    assert tooltip_money(rate, 0.2) == "20.0%"


def test_a_page_value_carries_the_exact_yen_in_its_hover_text(project: Project) -> None:
    kpi = revenue(project)
    assert str(money_markup(kpi, 635_110_000.0)) == (
        '<span class="kpi-amount" title="¥635,110,000">6.4億円</span>'
    )
    assert str(bound_markup(kpi, 41_666_666.67)) == (
        '<span class="kpi-amount" title="¥41,666,667">4,167万円</span>'
    )
    assert str(money_markup(kpi, 8_000.0)) == "¥8,000"
    assert tooltip_money(kpi, 635_110_000.0) == "6.4億円(¥635,110,000)"


def test_a_change_of_money_reads_in_the_same_units(project: Project) -> None:
    kpi = revenue(project)
    assert str(change_markup(kpi, 30_000_000.0, 42_500_000.0)) == (
        '<span class="kpi-amount" title="+¥12,500,000">+1,250万円</span>'
    )
    assert str(change_markup(kpi, 42_500_000.0, 30_000_000.0)) == (
        '<span class="kpi-amount" title="-¥12,500,000">-1,250万円</span>'
    )
    assert str(change_markup(kpi, 30_000_000.0, 30_005_000.0)) == "+¥5,000"  # below 1万: in full
    assert str(change_markup(kpi, 30_000_000.0, 30_000_000.0)) == "±¥0"


def test_a_value_that_would_read_like_its_bound_is_written_in_full(project: Project) -> None:
    kpi = revenue(project)
    # ¥599,990,000 and ¥600,000,000 both read 6億円: 「6億円 / 6億円以上 / 未達」 would contradict itself.
    assert reader_money(kpi, 599_990_000.0, (600_000_000.0,)) == ("¥599,990,000", None)
    assert reader_money(kpi, 600_000_000.0, (600_000_000.0,)) == ("6億円", "¥600,000,000")
    assert reader_money(kpi, 549_990_000.0, (600_000_000.0, None)) == ("5.5億円", "¥549,990,000")


def test_the_status_block_never_shows_a_rounded_value_equal_to_the_bound_it_misses(project: Project) -> None:
    # ¥41,695,000 reads 4,170万円 like the on-track threshold ¥41,700,000 it misses by ¥5,000 (要注意).
    kpi = revenue(project)
    inputs = with_series(
        project,
        "marketing_sourced_revenue",
        "month",
        (month("2026-07", 30_000_000.0), month("2026-08", 41_695_000.0)),
    )
    view = kpi_view(kpi, inputs)
    assert (view.period, view.status.code) == ("2026年8月", "at_risk")
    assert str(view.value_text) == "¥41,695,000"
    assert str(view.criterion_text) == '<span class="kpi-amount" title="¥41,700,000">4,170万円</span> 以上'
    page = render_kpi_page(kpi, inputs)
    assert "の値 **¥41,695,000**" in page
    assert "| 2026年8月 | ¥41,695,000 |" in page  # the trend table row, judged against the same threshold
    # A value clear of every bound keeps its short form: 3,000万円 in the July row.
    assert '| 2026年7月 | <span class="kpi-amount" title="¥30,000,000">3,000万円</span> |' in page


def test_money_in_the_status_block_and_changes_reads_in_man(project: Project) -> None:
    kpi = revenue(project)
    inputs = with_series(
        project,
        "marketing_sourced_revenue",
        "month",
        (month("2026-07", 30_000_000.0), month("2026-08", 42_500_000.0)),
    )
    page = render_kpi_page(kpi, inputs)
    titles = {html.unescape(t) for t in re.findall(r'title="([^"]*)"', page)}
    assert {"¥42,500,000", "¥30,000,000", "+¥12,500,000"} <= titles
    assert (
        '| 前期比 | <span class="kpi-amount" title="+¥12,500,000">+1,250万円</span>(2026年7月: '
        '<span class="kpi-amount" title="¥30,000,000">3,000万円</span>) |' in page
    )
    assert '(年度目標 <span class="kpi-amount" title="¥500,000,000">5億円</span> を均等に配分)' in page
    text = page[: page.index('<div class="kpi-chart"')]  # the chart's tooltips say 4,250万円(¥42,500,000)
    assert "¥42,500,000" not in text.replace('title="¥42,500,000"', "")  # only ever in a hover text


def test_home_table_tree_and_segment_tables_show_man_with_the_exact_yen_on_hover(project: Project) -> None:
    inputs = SiteInputs(project, fake_measurements(project), fake_checks(project))
    hover = '<span class="kpi-amount" title="¥{}">{}</span>'
    # The fake's revenue: ¥10,000,000 in September, ¥9,000,000 in August; target ¥500,000,000 a year.
    board = line_of(render_home(inputs), "| [マーケティング由来売上](kpis/marketing_sourced_revenue.md) | 🔴")
    assert f"| 🔴 未達 | {hover.format('10,000,000', '1,000万円')}(2026年9月) |" in board
    assert f"(年度目標 {hover.format('500,000,000', '5億円')} を均等に配分)" in board
    tree = render_tree(inputs)
    assert f"目標 {hover.format('500,000,000', '5億円')} 以上(年度)" in tree
    assert f"直近12か月 {hover.format('10,000,000', '1,000万円')}" in tree
    # average_deal_size's segments: webinar ¥18,000,000 over 120 deals.
    page = render_kpi_page(spec(project, "average_deal_size"), inputs)
    assert f"| ウェビナー | {hover.format('18,000,000', '1,800万円')} | 120 |" in page
