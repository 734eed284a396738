"""The site on a phone and on a desktop: no sideways page, readable chart text, tooltips on tap.

Every page type at 390×844 (a phone) and 1400×900 (a desktop), in a touch-enabled tab, on both site
engines. Fonts are measured as rendered: the computed size times the scale the SVG is drawn at, so a
chart shrunk through its viewBox is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_kit import Visit, open_tab
from playwright.sync_api import Browser

pytestmark = pytest.mark.slow

VIEWPORTS: dict[str, tuple[int, int]] = {"phone": (390, 844), "desktop": (1400, 900)}
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "kpi": "kpis/mql_to_sql_rate/",
    "tree": "tree/",
    "funnel": "funnel/",
    "sla": "sla/standard_sla/",
    "sla-index": "sla/",
    "checklists": "checklists/",
    "glossary": "glossary/",
    "quality": "quality/",
    "rules": "rules/",
}
CHART_PAGES = ("kpi", "funnel", "sla")
MIN_FONT_PX = 11.0
MIN_TARGET_PX = 24.0
# Every visible text of every chart: its computed font size times the scale it is drawn at.
CHART_FONT_SIZES = """() => [...document.querySelectorAll('.kpi-chart svg text')]
    .filter(text => text.textContent.trim() !== '' && text.getBoundingClientRect().width > 0)
    .map(text => {
        const m = text.getScreenCTM();
        return [text.textContent, parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b)];
    })"""
# The right edge of the box each table scrolls in: its nearest ancestor that clips (else the table).
TABLE_BOXES_RIGHT = """() => [...document.querySelectorAll('article table')].map(table => {
    let box = table;
    for (let node = table.parentElement; node && node.tagName !== 'ARTICLE'; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') { box = node; break; }
    }
    return box.getBoundingClientRect().right;
})"""
# The centre of the trend chart's last point (vega draws each point as a path in a symbol mark).
LAST_POINT = """() => {
    const points = [...document.querySelectorAll('.kpi-chart__view svg g.mark-symbol.role-mark path')];
    points[points.length - 1].scrollIntoView({block: 'center'});
    const box = points[points.length - 1].getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2, box.width];
}"""


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> tuple[int, int]:
    size: tuple[int, int] = VIEWPORTS[request.param]
    return size


@pytest.fixture
def tab(browser: Browser, site_url: str, viewport: tuple[int, int]) -> Iterator[Visit]:
    """A touch-enabled tab of the viewport's size (a phone has no hover: taps only)."""
    width, height = viewport
    visit = open_tab(browser, site_url, viewport={"width": width, "height": height}, has_touch=True)
    yield visit
    visit.page.context.close()


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_page_scrolls_sideways(tab: Visit, page_type: str) -> None:
    tab.open(PAGE_TYPES[page_type])
    width, inner = tab.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, page_type
    # Wide tables scroll inside their own box, which stays within the content column (on a phone
    # Material lets the box reach the screen's edges, past the article's padding).
    column = tab.page.evaluate("document.querySelector('.md-content').getBoundingClientRect().right")
    boxes = tab.page.evaluate(TABLE_BOXES_RIGHT)
    assert all(right <= column + 1 for right in boxes), (page_type, boxes, column)
    tab.assert_clean()


@pytest.mark.parametrize("page_type", CHART_PAGES)
def test_chart_text_is_never_below_11px(tab: Visit, page_type: str) -> None:
    tab.open(PAGE_TYPES[page_type])
    sizes = tab.page.evaluate(CHART_FONT_SIZES)
    assert len(sizes) > 10, page_type  # axis labels were measured, not nothing
    small = [(text, round(size, 1)) for text, size in sizes if size < MIN_FONT_PX - 0.01]
    assert small == [], page_type
    # Each chart is as wide as its box: nothing to scroll inside it either.
    overflow = tab.page.evaluate(
        "[...document.querySelectorAll('.kpi-chart')].filter(c => c.scrollWidth > c.clientWidth).length"
    )
    assert overflow == 0
    tab.assert_clean()


def test_a_tap_beside_a_chart_point_shows_its_tooltip(tab: Visit) -> None:
    tab.open(PAGE_TYPES["kpi"])
    x, y, drawn = tab.page.evaluate(LAST_POINT)
    assert drawn < MIN_TARGET_PX / 2  # the dot itself is small ...
    # ... but a fingertip that lands beside it still hits it: the target is 24 px across.
    offset = (drawn + MIN_TARGET_PX) / 4
    tab.page.touchscreen.tap(x + offset, y)
    tooltip = tab.page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for(state="visible")
    assert re.search(r"期間\s*\d{4}", tooltip.inner_text())
    tab.assert_clean()


def test_without_javascript_the_static_chart_shrinks_to_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES["kpi"])
    svg, chart = page.evaluate(
        """() => [document.querySelector('.kpi-chart__static svg').getBoundingClientRect().width,
                  document.querySelector('.kpi-chart').clientWidth]"""
    )
    assert 0 < svg <= chart
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()
