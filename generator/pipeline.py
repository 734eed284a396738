"""The pipeline every command runs: load → validate → measure → check → render → build → publish.

Each stage is one function with a typed result; ``kpi check``, ``kpi measure``, ``kpi build`` and
``kpi serve`` call these and nothing else orchestrates. ``build_site`` is the whole flow in one
readable function. Caches and worker processes (what makes a rebuild take seconds) live behind it
in :mod:`generator.incremental`, never inside a stage.

    load(Workspace)            → LoadResult      every definition file, parsed safely, with positions
    validate(LoadResult)       → Validated       + every rule's issues (errors stop every later stage)
    measure(Project, …)        → MeasurementSet  every KPI, the tree, the funnel, the SLA reports
    check_data(Project, …)     → CheckReport     table checks and each KPI's series checks
    render(SiteInputs, …)      → SiteSource      pages, navigation and config written as files
    build_html(SiteSource, …)  → (HTML folder)   MkDocs + Material, or Zensical
    publish.staged(site_dir)                     the built folder swapped into place (journaled)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, assert_never

from .engine.profiles import EngineProfile, EngineUnavailable
from .loading.catalogue import LoadResult, load_catalogue
from .loading.source_tree import DirectoryTree
from .model.backtest import MqlBacktest
from .model.check_result import CheckReport
from .model.issue import Issue
from .model.measurement import MeasurementSet
from .model.project import Project
from .model.settings import EngineName, SiteEngineName
from .model.sla import Sla
from .report import CheckOutcome, format_text
from .site import publish
from .site.cache import StageCache
from .site.errors import BuildFailure
from .stage_log import stage

if TYPE_CHECKING:  # the render and site modules load only when a site is built
    from .engine.backend import Backend
    from .render.inputs import SiteInputs
    from .site.source import SiteSource

log = logging.getLogger("generator.site")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Workspace:
    """What a run reads and how: the project, its data, the engine and the language of messages."""

    project_dir: Path
    data_dir: Path | None = None  # default: sources.yml's ``path`` under the project
    engine: EngineName | None = None  # default: kpi.yml's ``engine``, else duckdb
    site_engine: SiteEngineName | None = None  # default: kpi.yml's ``site.engine``, else mkdocs
    lang: str = "ja"
    k_anonymity: int = 5
    cache_dir: Path | None = None  # default: <project>/.cache
    # Where the site is served (its sitemap, instant navigation); default: mkdocs.yml's site_url.
    site_url: str | None = None

    @property
    def cache(self) -> StageCache:
        return StageCache(self.cache_dir or self.project_dir / ".cache")


class MeasureFailure(BuildFailure):
    """Measuring could not start or finish: bad data, or an engine that cannot be reached."""

    def __init__(self, message_ja: str, message_en: str, lang: str) -> None:
        super().__init__([message_ja if lang == "ja" else message_en])
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass(frozen=True)
class Validated:
    """The loaded catalogue and every issue found in it (load problems and rule findings)."""

    loaded: LoadResult
    outcome: CheckOutcome

    @property
    def project(self) -> Project:
        return self.loaded.project

    @property
    def ok(self) -> bool:
        return not self.outcome.errors


# --- the stages ---


def load(workspace: Workspace) -> LoadResult:
    """Every definition file of the project; never raises for bad content, only reports."""
    return load_catalogue(DirectoryTree(workspace.project_dir))


def validate(loaded: LoadResult, prefix: str = "") -> Validated:
    """Run every rule; ``prefix`` is the project folder as the user named it (for GitHub annotations)."""
    from .rules import run_rules

    issues: list[Issue] = [*loaded.issues, *run_rules(loaded.project)]
    return Validated(loaded, CheckOutcome.of(issues, len(loaded.files), loaded.project.counts(), prefix))


def require_valid(validated: Validated, lang: str) -> Project:
    """The project, or BuildFailure with exactly the lines ``kpi check`` prints for its errors."""
    if validated.outcome.errors:
        raise BuildFailure(format_text(validated.outcome, lang).rstrip("\n").splitlines())
    for warning in validated.outcome.warnings:
        log.warning("%s: %s %s", warning.location, warning.code, warning.message(lang))
    return validated.project


def data_folder(project: Project, workspace: Workspace) -> Path:
    """Where the tables are read from: ``--data-dir``, else sources.yml's ``path``, else ``data/``."""
    if workspace.data_dir is not None:
        return workspace.data_dir
    return workspace.project_dir / (project.sources.spec.path if project.sources else "data")


def engine_profile(project: Project, workspace: Workspace) -> EngineProfile:
    """The engine that measures and checks: ``--engine``, else kpi.yml, else the embedded DuckDB."""
    settings = project.settings.spec if project.settings else None
    return EngineProfile.from_settings(settings, workspace.engine)


def site_engine(project: Project, workspace: Workspace) -> SiteEngineName:
    if workspace.site_engine is not None:
        return workspace.site_engine
    return project.settings.spec.site.engine if project.settings else "mkdocs"


def measure(
    project: Project, workspace: Workspace, *, as_of: dt.date | None = None, progress: Progress | None = None
) -> MeasurementSet:
    """Measure every KPI on the chosen engine; bad data or an unreachable engine is a MeasureFailure."""
    from .engine import measure_project  # pandas and the database load only to measure

    with _engine(project, workspace) as backend:
        return measure_project(
            project,
            data_folder(project, workspace),
            as_of=as_of,
            backend=backend,
            k_anonymity=workspace.k_anonymity,
            progress=progress,
        )


def backtest_mqls(
    pairs: Sequence[tuple[Sla, Sla]], head: Project, workspace: Workspace, *, as_of: dt.date
) -> tuple[MqlBacktest, ...]:
    """Each (BASE, HEAD) SLA pair's MQLs of the latest complete quarter, scored lead by lead on HEAD's
    data and engine; only counts come back, k-suppressed (``engine.backtest``)."""
    from .engine.backtest import backtest_mqls as backtest

    with _engine(head, workspace) as backend:
        folder = data_folder(head, workspace)
        return backtest(pairs, head, folder, as_of=as_of, backend=backend, k_anonymity=workspace.k_anonymity)


@contextmanager
def _engine(project: Project, workspace: Workspace) -> Iterator[Backend]:
    """The project's engine, opened and closed; unreachable or bad data becomes a MeasureFailure."""
    from .engine import DataError

    profile = engine_profile(project, workspace)
    try:
        backend = profile.open()
    except EngineUnavailable as error:
        raise MeasureFailure(error.message_ja, error.message_en, workspace.lang) from None
    try:
        yield backend
    except DataError as error:
        raise MeasureFailure(error.message("ja"), error.message("en"), workspace.lang) from None
    finally:
        backend.close()


def check_data(
    project: Project,
    workspace: Workspace,
    measurements: MeasurementSet | MeasureFailure,
    *,
    as_of: dt.date | None = None,
) -> CheckReport:
    """Every table check and every KPI series check, on the same engine that measured.

    When measuring failed (``measurements`` is its failure) the table checks still run and each KPI
    gets a failing result that says why. ``as_of`` defaults to sources.as_of, else the build date.
    """
    from .checks.runner import check_measured

    return check_measured(
        project,
        data_folder(project, workspace),
        measurements,
        engine_profile(project, workspace),
        as_of=as_of or project.check_date(),
    )


def render(inputs: SiteInputs, workspace: Workspace, folder: Path) -> SiteSource:
    """Every page, the navigation, the glossary and the builder's config, written into ``folder``."""
    from .render.site_pages import render_site
    from .site.assets import generated_assets
    from .site.build_stamp import build_stamp, with_build_stamp
    from .site.search_catalogue import catalogue_words
    from .site.source import hand_written_pages, read_project_config, write_site_source

    config = read_project_config(workspace.project_dir, workspace.lang)
    config = with_build_stamp(config, build_stamp(workspace.project_dir, inputs.measurements.as_of))
    if workspace.site_url:  # Material follows a link instantly only when the sitemap lists it at this address
        config = {**config, "site_url": workspace.site_url}
    hand_written = workspace.project_dir / str(config.get("docs_dir", "docs"))
    rendered = render_site(inputs, hand_written_pages(hand_written))
    assets = generated_assets(workspace.cache, inputs.chart_cache)
    source = write_site_source(
        rendered, workspace.project_dir, config, inputs.project.terms(), assets, folder
    )
    return dataclasses.replace(source, search_words=catalogue_words(inputs.project))


def build_html(
    source: SiteSource, engine: SiteEngineName, out: Path, workspace: Workspace, as_of: dt.date
) -> None:
    """Turn the written source into a static site in ``out`` with the chosen builder."""
    from .site.search_catalogue import tune_search_index
    from .site.source import missing_assets

    if engine == "mkdocs":
        from .site.mkdocs_adapter import build_with_mkdocs

        used = build_with_mkdocs(source, out, workspace.cache, as_of, workspace.lang)
    elif engine == "zensical":
        from .site.zensical_adapter import build_with_zensical

        used = build_with_zensical(source, out, as_of, workspace.lang)
    else:
        assert_never(engine)
    tune_search_index(out, source.search_words)
    missing = missing_assets(used, out)
    if missing:
        raise BuildFailure(
            [
                "mkdocs.yml: サイトに存在しないファイルを読み込もうとしています — パスを直すか、"
                "site_src/ にファイルを置いてください"
                if workspace.lang == "ja"
                else "mkdocs.yml: the site would load files it does not contain — fix the paths"
                " or add the files under site_src/",
                *(f"  {item}" for item in missing),
            ]
        )


# --- the whole flow ---


def build_site(workspace: Workspace, site_dir: Path) -> Path:
    """load → validate → measure → check → render → build → publish; raises BuildFailure, site kept."""
    from .incremental import IncrementalRun
    from .site.source import read_project_config

    # One build of a site folder at a time, and first of all a killed build's half-swap is repaired: even
    # a build that then stops on a bad definition leaves a whole site behind.
    with publish.exclusive(site_dir):
        read_project_config(workspace.project_dir, workspace.lang)  # a broken config stops before measuring
        with stage("読み込みと検証"):
            project = require_valid(validate(load(workspace)), workspace.lang)
        engine = site_engine(project, workspace)
        with IncrementalRun(workspace, project) as run:
            measurements = run.measure()
            checks = run.check(measurements)
            inputs = run.site_inputs(measurements, checks, previous_site=site_dir)
            with (
                publish.staged(site_dir) as built,
                _work_folder(site_dir) as work,
            ):  # published on success only
                with stage("ページ生成"):
                    source = render(inputs, workspace, work / "source")
                with stage(f"サイト生成({engine})"):
                    build_html(source, engine, built, workspace, measurements.as_of)
                run.fill_charts(built)
    return site_dir


@contextmanager
def _work_folder(site_dir: Path) -> Iterator[Path]:
    """Where the site source is written; named like a half-built site, so a killed build's is cleaned."""
    with tempfile.TemporaryDirectory(
        prefix=f"{publish.new_prefix(site_dir)}source-", dir=site_dir.parent
    ) as work:
        yield Path(work)
