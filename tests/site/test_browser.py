"""The built site in a real browser: Debian's Chromium driven by Playwright, nothing from outside.

The site is served over HTTP on 127.0.0.1; every request for any other address is aborted and
recorded, so "no request leaves localhost" is checked on every page visited.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.commands.build import run_build
from generator.render.charts import VEGA_BUNDLE
from generator.model.settings import SiteEngineName
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
CHARTS_SETTLED = """() => [...document.querySelectorAll('.kpi-chart')]
    .every(chart => chart.dataset.rendered === 'true' || chart.dataset.rendered === 'failed')"""
CHARTS_DRAWN = """(labels) => labels.every(label =>
    document.querySelector(`.kpi-chart[aria-label="${label}"][data-rendered="true"]`))"""
# Data marks only (vega gives them role-mark; axes and legends have other roles).
MARK_SELECTOR = ".kpi-chart__view svg g.role-mark path, .kpi-chart__view svg g.role-mark line"
MARKS_PER_CHART = f"""() => [...document.querySelectorAll('.kpi-chart')].map(chart => [
    chart.getAttribute('aria-label'),
    chart.dataset.rendered,
    chart.querySelectorAll('{MARK_SELECTOR}').length,
])"""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus sitemap.xml re-addressed to this server.

    Material intercepts a click for instant navigation only when the link is listed in
    sitemap.xml, whose addresses come from ``site_url`` (host and scheme are adapted, the port is
    not). Serving the sitemap as if the site were deployed at this address is what a real
    deployment at ``site_url`` gives.
    """

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        text = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8")
        base = f"http://{self.headers['Host']}/"
        locs = re.findall(r"<loc>([^<]+)</loc>", text)
        site_url = min(locs, key=len) if locs else base
        body = text.replace(f"<loc>{site_url}", f"<loc>{base}").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 from a thread; yields the base URL."""
    handler = functools.partial(SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Visit:
    """A browser tab that records console errors and every request that tried to leave localhost."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)  # every address the tab asked for, in order

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="networkidle")
        self.page.wait_for_function(CHARTS_SETTLED)

    def marks(self) -> list[tuple[str, str, int]]:
        return [tuple(row) for row in self.page.evaluate(MARKS_PER_CHART)]

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.outside == []


def open_tab(
    browser: Browser, base: str, viewport: ViewportSize | None = None, has_touch: bool = False
) -> Visit:
    page = browser.new_page(
        viewport=viewport or {"width": 1280, "height": 900}, locale="ja-JP", has_touch=has_touch
    )
    visit = Visit(page, base)

    def route(route: Route) -> None:
        visit.requested.append(route.request.url)
        if route.request.url.startswith(base):
            route.continue_()
        else:
            visit.outside.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.errors.append(f"{page.url}: {message.text}")

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: visit.errors.append(f"{page.url}: {error}"))
    return visit


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        if os.environ.get("KPI_REQUIRE_BROWSER"):
            pytest.fail(
                f"{CHROMIUM} is missing but KPI_REQUIRE_BROWSER is set (.ci/system-packages installs it)"
            )
        pytest.skip(f"{CHROMIUM} is not installed (.ci/system-packages installs Debian's chromium)")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


SITE_ENGINES: tuple[SiteEngineName, ...] = ("mkdocs", "zensical")


@pytest.fixture(scope="module", params=SITE_ENGINES)
def site_engine(request: pytest.FixtureRequest) -> SiteEngineName:
    """Every browser check runs against the site as each adapter builds it."""
    engine: SiteEngineName = request.param
    return engine


@pytest.fixture(scope="module")
def site_url(site_engine: str, request: pytest.FixtureRequest) -> Iterator[str]:
    site: Path = request.getfixturevalue("built_site" if site_engine == "mkdocs" else "zensical_site")
    with serve(site) as base:
        yield base


@pytest.fixture
def visit(browser: Browser, site_url: str) -> Iterator[Visit]:
    tab = open_tab(browser, site_url)
    yield tab
    tab.page.close()


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


def search(visit: Visit, query: str) -> list[str]:
    """Material's search box: the result pages, best first."""
    box = visit.page.locator("input.md-search__input")
    box.click()
    # The whole query at once: typed key by key, each prefix ("MQL", "MQL→S", …) is searched too, and
    # the first results shown can be a prefix's. Material reads the query on keyup, hence "End".
    box.fill(query)
    box.press("End")
    meta = visit.page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile(r"\d+件見つかりました|何も見つかりませんでした")).wait_for()
    # Result links carry the highlight terms (?h=…); compare the pages they lead to.
    hrefs: list[str] = visit.page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.origin + a.pathname)"
    )
    return hrefs


def zensical_search(visit: Visit, query: str) -> list[str]:
    """Zensical's search dialog (its own UI, in a shadow root Playwright pierces): result pages."""
    visit.page.locator("button.md-search__button").click()
    box = visit.page.locator("input[role=combobox]")
    box.fill(query)
    status = visit.page.locator("[role=status]").filter(has_text=re.compile(r"\d+ results?|No results"))
    status.wait_for()
    options = visit.page.locator("[role=listbox] a[role=option]")
    # "No results" is also what the dialog says while the worker is still answering the new query
    # (its results list is the previous, empty one): give the answer time before believing it.
    try:
        options.first.wait_for(timeout=5_000 if "No results" in status.inner_text() else 30_000)
    except PlaywrightTimeoutError:
        return []
    hrefs: list[str] = options.evaluate_all("links => links.map(a => a.origin + a.pathname)")
    return hrefs


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
            assert all(above[2] <= below[1] for above, below in zip(grid, grid[1:])), grid
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
