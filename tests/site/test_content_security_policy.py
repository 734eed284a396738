"""Every built page carries the Content-Security-Policy, and the site itself needs no inline script.

The browser proof (test_browser_markup.py) shows no markup runs; with the text escaped everywhere that
holds even without the policy. These tests hold the policy itself in place: dropped from the theme
override, or weakened, or made unworkable by an inline script the site ships, they fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

POLICY = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"
    " style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
    " form-action 'self'\">"
)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_ONLY = re.compile(r"""\btype\s*=\s*["']?application/json""", re.IGNORECASE)  # never executed


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) >= 55
    return found


def inline_scripts(html: str) -> list[str]:
    """Opening tags of scripts a browser would run from the page's own text (no src, not JSON data)."""
    return [
        tag[0] for tag in SCRIPT_TAG.finditer(html) if "src=" not in tag[1] and not DATA_ONLY.search(tag[1])
    ]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_page_carries_the_policy_before_any_script(
    built_site: Path, zensical_site: Path, engine: str
) -> None:
    site = built_site if engine == "mkdocs" else zensical_site
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert html.count(POLICY) == 1, page.relative_to(site)
        first_script = SCRIPT_TAG.search(html)
        assert first_script is None or html.index(POLICY) < first_script.start(), page.relative_to(site)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_page_ships_a_script_the_policy_would_refuse(
    built_site: Path, zensical_site: Path, engine: str
) -> None:
    site = built_site if engine == "mkdocs" else zensical_site
    refused = {str(p.relative_to(site)): inline_scripts(p.read_text(encoding="utf-8")) for p in pages(site)}
    assert {page: tags for page, tags in refused.items() if tags} == {}
