"""The site as files, built by either adapter: same pages, same refusals, the last good site kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from site_helpers import site_digest

from generator.commands.build import run_build
from generator.model.settings import SITE_ENGINE_NAMES, SiteEngineName
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow


def test_both_adapters_publish_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}

    assert pages(built_site) == pages(zensical_site)
    assert len(pages(built_site)) >= 55
    # Charts are filled into the built HTML whichever builder made it: no marker is left anywhere.
    for site in (built_site, zensical_site):
        assert not [p for p in site.rglob("*.html") if "<!--kpi-chart:" in p.read_text(encoding="utf-8")]
        assert "kpi-chart__static" in (site / "kpis/mql_to_sql_rate/index.html").read_text(encoding="utf-8")


def test_zensical_builds_are_byte_identical(zensical_site: Path, tmp_path: Path) -> None:
    project = zensical_site.parent
    assert run_build(Workspace(project, site_engine="zensical"), tmp_path / "again") == 0
    assert site_digest(tmp_path / "again") == site_digest(zensical_site)


def test_a_python_tag_in_mkdocs_yml_is_refused_and_never_runs(
    make_project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs and Zensical load their config with PyYAML's full loader: this tag would run a command.
    project = make_project("tagged-config")
    marker = project / "pwned"
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"extra:\n  boom: !!python/object/apply:os.system ['touch {marker}']\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_build(Workspace(project), project / "site") == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:" in err and "Traceback" not in err
    assert not marker.exists()
    assert not (project / "site").exists()


def test_a_filter_literal_of_the_wrong_type_stops_the_build_and_keeps_the_site(
    make_project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Was: kpi check passed, measuring failed, and the build replaced the site showing データなし.
    project = make_project("wrong-literal")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    kpi_file = project / "metrics/deals_won.yml"
    text = kpi_file.read_text(encoding="utf-8")
    assert text.count('filter: "is_won"') == 1
    kpi_file.write_text(text.replace('filter: "is_won"', "filter: \"is_won = 'maybe'\""), encoding="utf-8")
    capsys.readouterr()
    assert run_build(Workspace(project), site) == 1
    err = capsys.readouterr().err
    assert "metrics/deals_won.yml:18:" in err and "FLT004" in err and "Traceback" not in err
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"


@pytest.mark.parametrize("engine", SITE_ENGINE_NAMES)
def test_a_missing_extra_javascript_fails_the_build_and_keeps_the_site(
    make_project: Callable[[str], Path], capsys: pytest.CaptureFixture[str], engine: SiteEngineName
) -> None:
    project = make_project(f"missing-script-{engine}")
    site = project / "site"
    assert run_build(Workspace(project, site_engine=engine), site) == 0
    before = site_digest(site)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - assets/javascripts/charts.js\n", "  - assets/javascripts/chart.js\n"))
    capsys.readouterr()
    assert run_build(Workspace(project, site_engine=engine), site) == 1
    err = capsys.readouterr().err
    assert "extra_javascript: assets/javascripts/chart.js" in err
    assert site_digest(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []
