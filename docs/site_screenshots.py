"""Draw docs/screenshots/*.png: home, a KPI page, the KPI tree and the SLA page on a phone and a desktop.

    .venv/bin/python docs/site_screenshots.py [--site site]

Serves a built site (``kpi build``) on 127.0.0.1 and opens each page in the Chromium the browser
tests use, at 390×844 (a phone, touch) and 1400×900 (a desktop), after its charts are drawn. One screen
is drawn: the first, or on a page with charts the screen of its first chart. Nothing is requested
from outside.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from generator.site.local_server import served_site

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGES = {"home": "", "kpi": "kpis/mql_to_sql_rate/", "tree": "tree/", "sla": "sla/standard_sla/"}
VIEWPORTS = {"phone": (390, 844), "desktop": (1400, 900)}
CHARTS_SETTLED = """() => [...document.querySelectorAll('.kpi-chart')]
    .every(chart => chart.dataset.rendered === 'true' || chart.dataset.rendered === 'failed')"""

FIRST_CHART_AT_TOP = """() => {
    const chart = document.querySelector('.kpi-chart');
    if (chart) {
        window.scrollTo(0, chart.getBoundingClientRect().top + window.scrollY - 160);
    }
}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    with served_site(arguments.site.resolve()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for size, (width, height) in VIEWPORTS.items():
            page = browser.new_page(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                has_touch=size == "phone",
                locale="ja-JP",
            )

            def offline(route: Route) -> None:
                route.continue_() if route.request.url.startswith(base) else route.abort()

            page.route("**/*", offline)
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_function(CHARTS_SETTLED)
                # A page with charts is shown at its first chart (on a phone it is screens down).
                page.evaluate(FIRST_CHART_AT_TOP)
                page.wait_for_timeout(800)  # the header's title fades to the section on scroll
                target = arguments.out / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                sys.stdout.write(f"{target}\n")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
