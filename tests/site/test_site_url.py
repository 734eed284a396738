"""Instant navigation wherever the site is served: a build for the address it is served at.

Material follows a link in place (no page load) only when sitemap.xml lists it, and it reads the
sitemap's addresses as absolute, adapting their scheme and host but not their port. A plain static
server on another port (``python -m http.server``) therefore gets full page loads from a build for
``mkdocs.yml``'s ``site_url``; ``kpi build --site-url`` (or ``KPI_SITE_URL``) builds for that address.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from generator.cli import main
from generator.commands.build import run_build
from generator.pipeline import Workspace
from generator.site.local_server import served_site

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_build_for_its_address_navigates_in_place_on_a_plain_server(
    make_project: Callable[[str], Path],
    browser: Browser,
) -> None:
    port = free_port()
    project = make_project("site-url")
    site = project / "site"
    assert run_build(Workspace(project, site_url=f"http://127.0.0.1:{port}/"), site) == 0
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(f"http://127.0.0.1:{port}/") for loc in locs)
    with served_site(site, port) as base:
        page = browser.new_page()
        try:
            page.goto(base)
            page.evaluate("window.__sameDocument = true")
            page.locator('a[href$="funnel/"]').filter(visible=True).first.click()
            page.wait_for_url(re.compile(r".*/funnel/(#.*)?$"))
            page.locator("h1").filter(has_text="ファネル").wait_for()
            assert page.evaluate("window.__sameDocument") is True  # swapped in place, not reloaded
        finally:
            page.close()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/", "http://a b/", "localhost:8000"]
)
def test_a_site_url_that_is_no_http_address_is_refused_before_building(url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_path), "--site-url", url])
    assert result.exit_code == 2
    assert "http://host[:port]/path/" in result.output
    assert "Traceback" not in result.output
