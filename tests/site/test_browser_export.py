"""In the browser, on both site engines: the KPI page's CSV link downloads the file, charts are named
images, glossary terms are reached by keyboard with their tooltip, and the footer carries the build stamp."""

from __future__ import annotations

import pytest
from browser_kit import Visit

pytestmark = pytest.mark.slow

KPI = "kpis/mql_to_sql_rate/"


@pytest.mark.parametrize(
    ("link", "file", "header"),
    [
        (
            "CSV をダウンロード(推移)",
            "mql_to_sql_rate-series.csv",
            "期間,値,単位,分子,分母,この期間の目標,期間の状態",
        ),
        ("CSV をダウンロード(セグメント別)", "mql_to_sql_rate-segments.csv", "期間,区分の種類,区分キー"),
    ],
)
def test_the_csv_link_downloads_the_file(visit: Visit, link: str, file: str, header: str) -> None:
    visit.open(KPI)
    with visit.page.expect_download() as started:
        visit.page.get_by_role("link", name=link).click()
    download = started.value
    assert download.suggested_filename == file
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + header.encode("utf-8"))
    visit.assert_clean()


def test_a_chart_is_an_image_named_by_its_description(visit: Visit) -> None:
    visit.open(KPI)
    chart = visit.page.get_by_role("img", name="MQL→SQL転換率の推移と目標", exact=True)
    assert chart.count() == 1
    assert chart.get_attribute("class") == "kpi-chart"
    visit.assert_clean()


def test_the_keyboard_reaches_a_glossary_term_and_shows_its_tooltip(visit: Visit) -> None:
    visit.open(KPI)
    term = visit.page.locator("article abbr[title]", has_text="MQL").first
    title = term.get_attribute("title")
    assert title is not None and title.startswith("Marketing Qualified Lead")
    # Tab from the element just before the term: the next stop is the term itself.
    term.evaluate(
        """el => { const before = document.createElement('button'); before.id = '__before';
                   el.before(before); before.focus(); }"""
    )
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.tagName") == "ABBR"
    tooltip = visit.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == title
    visit.assert_clean()


def test_the_footer_carries_the_build_stamp(visit: Visit) -> None:
    for path in ("", KPI, "glossary/"):
        visit.open(path)
        stamp = visit.page.locator("footer .kpi-build-stamp")
        assert stamp.is_visible(), path
        text = stamp.inner_text()
        assert "データ基準日" in text and "git 外" in text, text
    visit.assert_clean()
