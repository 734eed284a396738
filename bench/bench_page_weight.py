"""Benchmark (not a test): what each page type costs a reader — requests and bytes — on each site engine.

    .venv/bin/python bench/bench_page_weight.py [--site-engine mkdocs zensical] [--site-dir DIR]

Builds the project (``kpi build``, into a temporary folder per engine) unless ``--site-dir`` names a
built site, serves it on 127.0.0.1 and opens one page of each type in Debian's Chromium (Playwright),
counting every request of a full page load and the bytes of the files it was served (the files' sizes
on disk: no compression, as ``python -m http.server`` serves them). The Vega bundle (~0.9 MB) is
loaded only by pages with a chart; the column ``vega`` says whether the page asked for it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.site.local_server import served_site

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"
# One page of each type (the browser tests' list), charts or not.
PAGES = {
    "home": "",
    "KPI tree": "tree/",
    "KPI": "kpis/mql_to_sql_rate/",
    "funnel": "funnel/",
    "SLA list": "sla/",
    "SLA": "sla/standard_sla/",
    "checklists": "checklists/",
    "phases": "phases/",
    "glossary": "glossary/",
    "data quality": "quality/",
    "rules": "rules/",
}


def served_file(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url).path).lstrip("/")
    path = path / "index.html" if path.is_dir() else path
    return path if path.is_file() else None


def weigh(site: Path) -> list[tuple[str, int, int, bool]]:
    """Per page type: (name, requests, bytes, whether it requested the Vega bundle)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with served_site(site) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, path in PAGES.items():
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requested: list[str] = []
            page.on("request", lambda request, seen=requested: seen.append(request.url))
            page.goto(base + path, wait_until="networkidle")
            files = [served_file(site, base, url) for url in requested]
            size = sum(f.stat().st_size for f in files if f is not None)
            rows.append((name, len(requested), size, any(u.endswith(VEGA_BUNDLE) for u in requested)))
            page.close()
        browser.close()
    return rows


def build(engine: str, out: Path) -> Path:
    kpi = Path(sys.executable).with_name("kpi")  # the installed command beside this interpreter
    command = [str(kpi), "build", "--site-engine", engine, "--site-dir", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-engine", nargs="+", default=["mkdocs", "zensical"])
    parser.add_argument("--site-dir", type=Path, help="a built site to weigh (no build)")
    args = parser.parse_args()
    if not Path(CHROMIUM).is_file():
        sys.exit(f"{CHROMIUM} is not installed (.ci/system-packages installs Debian's chromium)")
    with tempfile.TemporaryDirectory(prefix="kpi-weight-") as temporary:
        sites = (
            {"given": args.site_dir}
            if args.site_dir
            else {engine: build(engine, Path(temporary) / engine) for engine in args.site_engine}
        )
        for engine, site in sites.items():
            print(f"== {engine}: {site}")  # noqa: T201 (a benchmark reports on stdout)
            print(f"{'page type':<14} {'requests':>8} {'KB':>8}  vega")  # noqa: T201 (a benchmark reports on stdout)
            for name, requests, size, vega in weigh(site):
                print(f"{name:<14} {requests:>8} {size / 1024:>8.0f}  {'yes' if vega else '—'}")  # noqa: T201 (a benchmark reports on stdout)


if __name__ == "__main__":
    main()
