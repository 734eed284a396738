"""A copy of the shipped project with generated sample data, built once per session for the site tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_kit import CHROMIUM, CHROMIUM_ARGS, SITE_ENGINES, Visit, open_tab, serve
from playwright.sync_api import Browser, Playwright, sync_playwright
from site_helpers import REPO, SCALE, SEED, copy_project

from generator.commands.build import run_build
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.settings import SiteEngineName
from generator.pipeline import Workspace
from generator.sample import generate_sample


@pytest.fixture(scope="session", autouse=True)
def machine_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The per-user cache (the vega bundle, compiled templates) kept inside the session's temp dir."""
    folder = tmp_path_factory.mktemp("machine_cache")
    before = os.environ.get("KPI_MACHINE_CACHE")
    os.environ["KPI_MACHINE_CACHE"] = str(folder)
    yield folder
    if before is None:
        del os.environ["KPI_MACHINE_CACHE"]
    else:
        os.environ["KPI_MACHINE_CACHE"] = before


@pytest.fixture(scope="session")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = load_catalogue(DirectoryTree(REPO)).project.sources
    assert sources is not None
    out = tmp_path_factory.mktemp("site_sample") / "data"
    generate_sample(sources.spec, out, scale=SCALE, seed=SEED)
    return out


@pytest.fixture(scope="session")
def make_project(tmp_path_factory: pytest.TempPathFactory, sample_data: Path) -> Callable[[str], Path]:
    """A fresh project copy with the session's sample data (copied, so tests may break it).

    All copies share one ``.cache`` (entries are keyed by definitions, data and code, so copies
    never see each other's results unless these match): the suite measures and draws once.
    """
    shared_cache = tmp_path_factory.mktemp("shared_cache")

    def make(name: str) -> Path:
        project = copy_project(tmp_path_factory.mktemp(name) / "project")
        shutil.copytree(sample_data, project / "data")
        (project / ".cache").symlink_to(shared_cache, target_is_directory=True)
        return project

    return make


@pytest.fixture(scope="session")
def built_site(make_project: Callable[[str], Path]) -> Path:
    """The project built once with ``kpi build``; tests read it, never change it."""
    project = make_project("built")
    assert run_build(Workspace(project), project / "site") == 0
    return project / "site"


@pytest.fixture(scope="session")
def zensical_site(built_site: Path) -> Path:
    """The same project built with ``kpi build --site-engine zensical`` (measurements reused)."""
    project = built_site.parent
    assert run_build(Workspace(project, site_engine="zensical"), project / "site-zensical") == 0
    return project / "site-zensical"


# --- the browser (see browser_kit.py) -----------------------------------------------------------------


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
