"""The KPI tree page on a phone (390×844) and a desktop, in both site engines: short enough to read
down to the KPI level in under three screens, every node a working link, no page overflow."""

from __future__ import annotations

import pytest
from browser_kit import Visit
from playwright.sync_api import ViewportSize

pytestmark = pytest.mark.slow

PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1400, height=900)
NODES = ".kpi-tree .kpi-tree__card, .kpi-tree .kpi-tree__ref"
# Every node's link target, fetched: a node linking to a page that does not exist is not a link.
LINK_STATUSES = """async (selector) => {
    const hrefs = [...new Set([...document.querySelectorAll(selector)]
        .map(node => node.querySelector('a[href]')?.href ?? 'missing'))];
    return Promise.all(hrefs.map(async href =>
        [href, href === 'missing' ? 0 : (await fetch(href.split('#')[0])).status]));
}"""
PAGE_SIZE = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def test_the_tree_fits_three_phone_screens_with_every_node_linked(visit: Visit) -> None:
    visit.page.set_viewport_size(PHONE)
    visit.open("tree/")
    width, height = visit.page.evaluate(PAGE_SIZE)
    assert height < 3 * PHONE["height"], height  # the bullet list was ~15,000 px
    assert width <= PHONE["width"]
    nodes = visit.page.locator(NODES)
    assert nodes.count() > 45  # the KGI, 4 KSFs, every KPI and activity metric, the decomposition
    statuses = visit.page.evaluate(LINK_STATUSES, NODES)
    assert [row for row in statuses if row[1] != 200] == []
    # Activity metrics are folded below their KPI: not shown until opened.
    activities = visit.page.locator("details.kpi-tree__activities")
    assert activities.count() > 5
    assert visit.page.locator("details.kpi-tree__activities[open]").count() == 0
    first = activities.first
    assert not first.locator(".kpi-tree__card").first.is_visible()
    first.locator("summary").click()
    assert first.locator(".kpi-tree__card").first.is_visible()
    visit.assert_clean()


def test_the_tree_on_a_desktop_does_not_overflow(visit: Visit) -> None:
    visit.page.set_viewport_size(DESKTOP)
    visit.open("tree/")
    width, _ = visit.page.evaluate(PAGE_SIZE)
    assert width <= DESKTOP["width"]
    kgi = visit.page.locator(".kpi-tree .kpi-tree__card").first
    assert "KGI" in kgi.inner_text() and "目標 5億円 以上(年度)" in kgi.inner_text()
    visit.assert_clean()
