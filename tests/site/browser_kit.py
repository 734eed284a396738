"""What the browser tests share: Debian's Chromium, a tab that records console errors and every request
leaving localhost, the site served as deployed, and the two search boxes (Material's and Zensical's).

The fixtures that open these live in ``conftest.py``.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Route, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.model.settings import SiteEngineName
from generator.site.local_server import QuietHandler, served_site

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SITE_ENGINES: tuple[SiteEngineName, ...] = ("mkdocs", "zensical")

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


class SiteHandler(QuietHandler):
    """Static files, plus sitemap.xml re-addressed to this server.

    Material intercepts a click for instant navigation only when the link is listed in
    sitemap.xml, whose addresses come from ``site_url`` (host and scheme are adapted, the port is
    not). Serving the sitemap as if the site were deployed at this address is what a real
    deployment at ``site_url`` gives.
    """

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


def serve(site: Path) -> AbstractContextManager[str]:
    """Serve ``site`` on a free port of 127.0.0.1 as deployed at that address; yields the base URL."""
    return served_site(site, handler=SiteHandler)


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
