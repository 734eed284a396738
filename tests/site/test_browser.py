"""The built site in a real browser: Debian's Chromium driven by Playwright, nothing from outside.

The site is served over HTTP on 127.0.0.1; every request for any other address is aborted and
recorded, so "no request leaves localhost" is checked on every page visited.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_kit import CHARTS_DRAWN, Visit, open_tab, search, serve, zensical_search
from playwright.sync_api import (
    Browser,
)

from generator.commands.build import run_build
from generator.model.settings import SiteEngineName
from generator.pipeline import Workspace
from generator.render.charts import VEGA_BUNDLE

pytestmark = pytest.mark.slow

# Closing </title> first: a page title is raw text to the browser, so only a break-out would run there.
INJECTED = "</title><script>window.__pwned=1</script>"
INJECTED_KPI = "downloads"

# One page of each kind, with the chart descriptions (aria-label) each must draw.
PAGES: dict[str, tuple[str, ...]] = {
    "": (),
    "tree/": (),
    "kpis/mql_to_sql_rate/": ("MQL→SQL転換率の推移と目標",),
    "funnel/": ("ファネルの段階別件数と転換率", "チャネル別・段階別の転換率"),
    "sla/": (),
    "sla/standard_sla/": (
        "初回対応時間の分布と対応期限",
        "週ごとの SLA 遵守率",
        "リードスコアの分布と MQL 閾値",
        "記録上の MQL とルール上の MQL の一致",
    ),
    "checklists/": (),
    "phases/": (),
    "glossary/": (),
    "quality/": (),
}


@pytest.fixture(scope="module")
def injected_site(make_project: Callable[[str], Path], site_engine: SiteEngineName) -> Path:
    """The sample project with a <script> written into text fields of a KPI and a glossary term."""
    project = make_project(f"injected-{site_engine}")
    kpi_file = project / "metrics" / f"{INJECTED_KPI}.yml"
    text = kpi_file.read_text(encoding="utf-8")
    text = re.sub(r"^name: (.+)$", rf"name: \1{INJECTED}", text, count=1, flags=re.MULTILINE)
    text = text.replace("description: |\n", f"description: |\n  {INJECTED}\n", 1)
    kpi_file.write_text(text, encoding="utf-8")
    glossary = project / "definitions" / "glossary.yml"
    terms = glossary.read_text(encoding="utf-8")
    glossary.write_text(re.sub(r"(definition: )", rf"\g<1>{INJECTED}", terms, count=1), encoding="utf-8")
    assert run_build(Workspace(project, site_engine=site_engine), project / "site") == 0
    return project / "site"


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_type_renders_without_console_errors(visit: Visit, path: str) -> None:
    visit.open(path)
    assert visit.page.locator("article h1").first.inner_text().strip() != ""
    visit.assert_clean()


@pytest.mark.parametrize("path", [path for path, charts in PAGES.items() if charts])
def test_each_chart_draws_marks(visit: Visit, path: str) -> None:
    visit.open(path)
    drawn = visit.marks()
    assert {label for label, _, _ in drawn} >= set(PAGES[path])
    for label, rendered, marks in drawn:
        assert rendered == "true", label
        assert marks > 0, label
    assert visit.page.locator(".kpi-chart__static").count() == 0  # every static SVG was replaced
    visit.assert_clean()


def test_glossary_tooltip_shows_on_a_japanese_sentence(visit: Visit) -> None:
    visit.open("kpis/mql_to_sql_rate/")
    # An <abbr> for MQL inside a paragraph of Japanese text, e.g. the KPI's description.
    sentence = visit.page.locator("article p", has=visit.page.locator("abbr[title]", has_text="MQL")).filter(
        has_text=re.compile(r"[ぁ-んァ-ヶ一-龠]")
    )
    abbr = sentence.first.locator("abbr[title]", has_text="MQL").first
    title = abbr.get_attribute("title")
    assert title is not None and title.startswith("Marketing Qualified Lead")
    abbr.hover()
    tooltip = visit.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == title
    visit.assert_clean()


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("商談化率", "kpis/opportunity_rate/"),
        ("MQL→SQL転換率", "kpis/mql_to_sql_rate/"),
        ("リード獲得単価", "kpis/cpl/"),
        # Catalogue words: an alias (the seeds' own word), an abbreviation, the English name.
        ("案件化率", "kpis/mql_to_sql_rate/"),
        ("CPL", "kpis/cpl/"),
        ("MQL to SQL", "kpis/mql_to_sql_rate/"),
    ],
)
def test_searching_a_kpi_name_finds_its_page_first(
    visit: Visit, site_engine: str, query: str, path: str
) -> None:
    visit.open("")
    hrefs = search(visit, query) if site_engine == "mkdocs" else zensical_search(visit, query)
    assert hrefs, query
    assert hrefs[0] == visit.base + path
    visit.assert_clean()


def test_instant_navigation_still_draws_charts(visit: Visit) -> None:
    visit.open("")
    visit.page.evaluate("window.__sameDocument = true")
    # Home's status board links the KPI; the funnel and the SLA are in the navigation.
    for path in ("kpis/mql_to_sql_rate/", "funnel/", "sla/standard_sla/"):
        visit.page.locator(f'a[href$="{path}"]').filter(visible=True).first.click()
        # Any fragment: Material's anchor tracking (navigation.tracking) can still write the previous
        # page's section (#status-board) into the new URL when the machine is busy.
        visit.page.wait_for_url(functools.partial(same_page, visit.base + path))
        # The URL changes before the new content is in place: wait for this page's own charts.
        visit.page.wait_for_function(CHARTS_DRAWN, arg=list(PAGES[path]))
        # Still the first document: Material swapped the content instead of loading a page.
        assert visit.page.evaluate("window.__sameDocument") is True, path
        drawn = visit.marks()
        assert {label for label, _, _ in drawn} >= set(PAGES[path]), path
        assert all(rendered == "true" and marks > 0 for _, rendered, marks in drawn), drawn
    visit.assert_clean()


@pytest.mark.parametrize("path", [path for path, charts in PAGES.items() if not charts])
def test_a_page_without_charts_does_not_load_the_vega_bundle(visit: Visit, path: str) -> None:
    visit.open(path)
    assert [url for url in visit.requested if url.endswith(VEGA_BUNDLE)] == []
    visit.open("funnel/")  # and a page with charts does, once
    assert [url for url in visit.requested if url.endswith(VEGA_BUNDLE)] == [visit.base + VEGA_BUNDLE]
    visit.assert_clean()


def same_page(expected: str, url: str) -> bool:
    return url.split("#")[0] == expected


def test_a_script_in_a_definition_is_shown_as_text_and_never_runs(
    browser: Browser, injected_site: Path
) -> None:
    with serve(injected_site) as base:
        tab = open_tab(browser, base)
        for path in ("", "glossary/", "kpis/", f"kpis/{INJECTED_KPI}/"):
            tab.open(path)
            assert tab.page.evaluate("typeof window.__pwned") == "undefined", f"the script ran on /{path}"
        assert INJECTED in tab.page.locator("article h1").first.inner_text()  # shown, as text
        tab.assert_clean()
        tab.page.close()
    raw = sorted(
        p.relative_to(injected_site).as_posix()
        for p in injected_site.rglob("*.html")
        if INJECTED in p.read_text(encoding="utf-8")
    )
    assert raw == []


CARD_BOXES = """() => [...document.querySelectorAll('.kpi-cards')].map(grid =>
    [...grid.querySelectorAll(':scope > .kpi-card')].map(card => {
        const box = card.getBoundingClientRect();
        return [Math.round(box.left), Math.round(box.top), Math.round(box.bottom)];
    }))"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1400, 900)])
def test_home_cards_stack_on_a_phone_and_sit_side_by_side_on_a_desktop(
    visit: Visit, width: int, height: int
) -> None:
    visit.page.set_viewport_size({"width": width, "height": height})
    visit.open("")
    grids: list[list[list[int]]] = visit.page.evaluate(CARD_BOXES)
    assert sum(len(grid) for grid in grids) == 45  # one card per KPI of the sample
    for grid in grids:
        columns = {left for left, _, _ in grid}
        if width < 600:  # one column: every card below the previous one
            assert len(columns) == 1, grid
            assert all(above[2] <= below[1] for above, below in zip(grid, grid[1:], strict=False)), grid
        elif len(grid) >= 3:
            assert len(columns) >= 3, grid
    # No sideways scrolling of the page; each card links its KPI and draws its sparkline.
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
    cards = visit.page.locator(".kpi-cards > .kpi-card")
    assert cards.locator("strong > a[href*='kpis/']").count() == 45
    assert cards.locator("svg.kpi-spark").count() == 45
    # The status table is one click away.
    table = visit.page.locator("details", has_text="表で見る")
    assert table.locator("table").is_hidden()
    table.locator("summary").click()
    assert table.locator("table").is_visible()
    visit.assert_clean()
