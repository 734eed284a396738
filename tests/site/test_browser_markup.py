"""The browser proof that definition text never runs: a site whose every text field starts with markup.

Built from a copy of the sample project (see ``markup_project``), served on 127.0.0.1 and read in
Chromium the way a reader would: every titled element and every navigation link hovered, glossary
terms focused, chart marks carrying definition text hovered, search opened with a markup query, a
search highlight given markup. After each step: no dialog opened, no element of the markup exists in
the page (``img[onerror]``, ``.pwn``, a script that is not one of the site's files), the browser
reported no error (a Content-Security-Policy refusal is one), and the text is shown as written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_kit import SITE_ENGINES, Visit, open_tab, serve, zensical_search
from markup_project import MARKUP, lade_project
from playwright.sync_api import Browser, Dialog, ElementHandle, Locator

from generator.commands.build import run_build
from generator.model.settings import SiteEngineName
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow
log = logging.getLogger(__name__)

# The first element of the markup, as a reader must see it: as text.
SHOWN = "<img src=x onerror=alert(1) class=pwn>"
PAGES = (
    "",
    "tree/",
    "kpis/",
    "kpis/downloads/",
    "kpis/mql_to_sql_rate/",
    "funnel/",
    "sla/",
    "sla/standard_sla/",
    "checklists/",
    "phases/",
    "glossary/",
    "quality/",
)
# Anything the markup could have made: its elements, any handler attribute, a script the site did not ship.
# Recorded from the page's load on, by a scan and then a MutationObserver: an element that appears
# and goes again between two checks is caught too, and each check costs one read, not a page scan.
WATCH_FOR_INJECTED = """() => {
    const injected = el => el.nodeType === 1 && (el.classList.contains('pwn')
        || [...el.attributes].some(a => a.name.startsWith('on'))
        || (el.tagName === 'SCRIPT' && el.type !== 'application/json'
            && !(el.src && el.src.startsWith(location.origin + '/assets/'))));
    const found = window.__injected = [];
    const scan = root => [root, ...root.querySelectorAll('*')].filter(injected)
        .forEach(el => found.push(el.outerHTML.slice(0, 160)));
    scan(document.documentElement);
    new MutationObserver(records => records.forEach(record => record.type === 'attributes'
        ? scan(record.target)
        : record.addedNodes.forEach(node => node.nodeType === 1 && scan(node))
    )).observe(document, {subtree: true, childList: true, attributes: true});
}"""
INJECTED = "() => window.__injected"
TOOLTIP_TEXT = "() => document.querySelector('[role=tooltip] .md-tooltip2__inner')?.textContent ?? null"
# Elements a tooltip is shown for (tooltips.js): titled elements of the content, abbr of the contents list.
TITLED = ".md-content [title], .md-sidebar--secondary abbr[title]"


@dataclass
class Proof:
    """A tab with the record of what the markup must never cause."""

    visit: Visit
    dialogs: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def open(self, path: str) -> None:
        self.visit.open(path)
        self.visit.page.evaluate(WATCH_FOR_INJECTED)

    def assert_nothing_ran(self, where: str) -> None:
        assert self.dialogs == [], where
        assert self.visit.page.evaluate(INJECTED) == [], where
        self.visit.assert_clean()


@pytest.fixture(scope="module", params=SITE_ENGINES)
def site_engine(request: pytest.FixtureRequest) -> SiteEngineName:
    """The proof runs on the site as each adapter builds it."""
    engine: SiteEngineName = request.param
    return engine


@pytest.fixture(scope="module")
def markup_site(make_project: Callable[[str], Path], site_engine: SiteEngineName) -> Path:
    project = make_project(f"markup-{site_engine}")
    assert lade_project(project) > 400  # every KPI, SLA, checklist, glossary entry and team
    assert run_build(Workspace(project, site_engine=site_engine), project / "site") == 0
    return project / "site"


@pytest.fixture(scope="module")
def proof(browser: Browser, markup_site: Path) -> Iterator[Proof]:
    with serve(markup_site) as base:
        visit = open_tab(browser, base)
        found = Proof(visit)

        def dialog(opened: Dialog) -> None:
            found.dialogs.append(opened.message)
            opened.dismiss()

        visit.page.on("dialog", dialog)
        yield found
        visit.page.close()
        # What was tried, for the record (pytest --log-cli-level=INFO shows it).
        log.info("markup proof: %s", ", ".join(f"{what} {n}" for what, n in sorted(found.counts.items())))


def hover_each(
    proof: Proof, elements: Locator, check: Callable[[ElementHandle, str | None], None], what: str
) -> None:
    """Hover each visible element; ``check`` gets it and the title it had before."""
    # Handles, not a locator: a shown tooltip takes its host's title, so a locator would move on.
    for element in elements.element_handles():
        if not element.is_visible():
            continue
        title = element.get_attribute("title")
        # force: the header's two titles overlap (Material swaps them on scroll); hover whichever is on top.
        element.hover(force=True)
        check(element, title)
        proof.count(what)


@pytest.fixture(autouse=True)
def fresh_record(proof: Proof) -> None:
    """Each test answers for what happened during it."""
    proof.dialogs.clear()
    proof.visit.errors.clear()


@pytest.mark.parametrize("path", PAGES)
def test_hovering_every_tooltip_and_navigation_link_runs_nothing(proof: Proof, path: str) -> None:
    page = proof.visit.page
    proof.open(path)
    assert SHOWN in page.locator("body").inner_text() or path in ("", "quality/", "phases/")

    def tooltip_shows_the_title(element: ElementHandle, title: str | None) -> None:
        assert title is not None
        proof.assert_nothing_ran(f"/{path}: {title[:60]}")
        assert page.evaluate(TOOLTIP_TEXT) == title, path

    hover_each(proof, page.locator(TITLED), tooltip_shows_the_title, "titled elements hovered")

    def nothing_ran(element: ElementHandle, title: str | None) -> None:
        proof.assert_nothing_ran(f"/{path}: {element.inner_text()[:60]}")

    links = page.locator(".md-nav__link, .md-header__topic")
    assert links.count() > 10
    hover_each(proof, links, nothing_ran, "navigation links hovered")
    proof.assert_nothing_ran(path)


def test_navigation_shows_a_definition_name_as_written(proof: Proof) -> None:
    proof.open("kpis/downloads/")
    link = proof.visit.page.locator(".md-nav__link--active").first
    assert link.inner_text().strip().startswith(SHOWN)
    assert (
        proof.visit.page.locator("article h1").first.inner_text().startswith(MARKUP.replace("&amp;", "&amp;"))
    )


def test_focusing_each_glossary_term_shows_its_text(proof: Proof) -> None:
    page = proof.visit.page
    proof.open("kpis/mql_to_sql_rate/")
    terms = page.locator(".md-content abbr[title]").element_handles()
    assert terms
    for term in terms:
        title = term.get_attribute("title")
        term.evaluate("el => el.setAttribute('tabindex', '-1')")  # an abbr takes focus only with one
        term.focus()
        assert title is not None and SHOWN in title  # every definition starts with the markup
        proof.assert_nothing_ran(f"focus: {title[:60]}")
        assert page.evaluate(TOOLTIP_TEXT) == title
        proof.count("glossary terms focused")
        term.evaluate("el => el.blur()")


def test_chart_tooltips_with_definition_text_show_it_as_text(proof: Proof) -> None:
    page = proof.visit.page
    proof.open("sla/standard_sla/")
    marks = page.locator(".kpi-chart__view svg g.role-mark path[aria-label*='onerror']")
    assert marks.count() > 0  # the team chart names teams, each starting with the markup
    tooltip = page.locator("#vg-tooltip-element")
    for index in range(marks.count()):
        marks.nth(index).hover(force=True)
        tooltip.wait_for(state="visible")
        assert SHOWN in tooltip.inner_text()
        proof.count("chart marks hovered")
        proof.assert_nothing_ran(f"chart mark {index}")


@pytest.mark.parametrize("query", [MARKUP, "資料DL数", "<b>MQL</b>"])
def test_search_shows_markup_as_text(proof: Proof, query: str, site_engine: SiteEngineName) -> None:
    page = proof.visit.page
    proof.open("")
    if site_engine == "zensical":  # its own search dialog; results are links with the page title in <h2>
        hrefs = zensical_search(proof.visit, query)
        if query == "資料DL数":
            assert hrefs and page.locator("[role=listbox] a[role=option] h2").first.inner_text().startswith(
                SHOWN
            )
        proof.count("search queries")
        proof.assert_nothing_ran(f"search: {query}")
        page.keyboard.press("Escape")
        return
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile(r"\d+件見つかりました|何も見つかりませんでした")).wait_for()
    if query == "資料DL数":
        first = page.locator(".md-search-result__item h1").first
        assert first.inner_text().startswith(SHOWN)
    proof.count("search queries")
    proof.assert_nothing_ran(f"search: {query}")
    page.keyboard.press("Escape")


def test_a_search_highlight_with_markup_is_text(proof: Proof) -> None:
    proof.open(f"kpis/downloads/?h={quote(MARKUP)}")
    proof.count("search highlights")
    proof.assert_nothing_ran("highlight")
