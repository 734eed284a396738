"""The stages before rendering: load → validate → measure → check, with cached results where safe.

Shared by ``kpi build``, ``kpi serve`` and a plain ``mkdocs build`` (through the plugin), so all
three show the same numbers. Problems become :class:`BuildFailure` with user-facing lines.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..loading.catalogue import LoadResult, load_catalogue
from ..loading.source_tree import DirectoryTree
from ..model.issue import Issue
from ..model.measurement import MeasurementSet
from ..model.project import Project
from ..model.sources import locate_data_files
from ..render.chart_slots import VEGA_BUNDLE_JOB, ChartJob, ChartWorker, draw_all, worth_a_worker
from ..render.inputs import PreviousBuild, SiteInputs
from .assets import bundle_cached
from .cache import ChartStore, StageCache
from .check_stage import DataChecks
from .fingerprints import code_version, digest, file_digests, measured_definitions
from .history import definition_history
from .previous import read_previous
from .rule_docs import default_rule_docs

log = logging.getLogger("generator.site")


@contextmanager
def stage(label: str) -> Iterator[None]:
    """Log how long a stage took (progress for people; the numbers the build bench reads)."""
    started = time.perf_counter()
    yield
    log.info("%s: %.1f 秒", label, time.perf_counter() - started)


class BuildFailure(Exception):
    """The build cannot go on; ``lines`` say what is wrong and how to fix it (no traceback)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class BuildSettings:
    project_dir: Path
    data_dir: Path | None = None
    cache_dir: Path | None = None
    previous_site: Path | None = None  # the last good site, for "what changed since the last build"
    k_anonymity: int = 5
    lang: str = "ja"

    @property
    def cache(self) -> StageCache:
        return StageCache(self.cache_dir or self.project_dir / ".cache")


def prepare_inputs(settings: BuildSettings) -> SiteInputs:
    """Run every stage before rendering and return what the pages need."""
    with stage("読み込みと検証"):
        loaded = validated_catalogue(settings)
    project = loaded.project
    data_dir = settings.data_dir or settings.project_dir / (
        project.sources.spec.path if project.sources else "data"
    )
    cache = settings.cache
    worker: ChartWorker | None = None
    data = _data_digests(project, data_dir, cache, settings.lang)
    checks = DataChecks(project, data_dir, data, cache, _sources_text(settings.project_dir, project))
    try:
        with stage("計測"):
            key = _measurement_key(project, data, settings)
            cached = cache.load("measurements", key, MeasurementSet)
            checks.start(cached)  # a worker imports GX and checks the tables while this one measures
            if cached is None:
                # New numbers mean new charts: start the chart worker now, so that its start-up
                # (imports, the JS runtime) overlaps with measuring in DuckDB.
                worker = ChartWorker()
            else:
                log.info("計測: 前回の結果を再利用します(定義とデータが同じため)")
            measurements = cached or _measure(project, data_dir, key, cache, settings)
        return _after_measuring(settings, loaded, checks, measurements, worker)
    except Exception as error:
        checks.abort()
        if worker is not None:
            worker.close()
        raise _as_build_failure(error, settings.lang) from None
    finally:
        checks.close()


def _after_measuring(
    settings: BuildSettings,
    loaded: LoadResult,
    checks: DataChecks,
    measurements: MeasurementSet,
    worker: ChartWorker | None,
) -> SiteInputs:
    from ..render.site_pages import chart_jobs  # the page code loads after the GX worker has started

    project = loaded.project
    charts = ChartStore(settings.cache)
    # Static SVGs are the slowest part of a cold build: draw them (in a worker process when there are
    # many) while the data checks finish and the pages are built (the site plugin waits at the end).
    jobs = chart_jobs(project, measurements)
    if not bundle_cached(settings.cache):
        jobs.insert(0, VEGA_BUNDLE_JOB)  # MkDocs asks for it first (see assets.vega_bundle)
    if worker is None and worth_a_worker(sum(1 for job in jobs if charts.get(job.key) is None)):
        worker = ChartWorker()
    charts.drawing = _draw_charts_in_background(jobs, charts, worker)
    with stage("データチェック"):
        report = checks.finish(measurements)
    files = {k.spec.id: k.file for k in project.kpis}
    previous: PreviousBuild | None = read_previous(settings.previous_site) if settings.previous_site else None
    with stage("変更履歴"):
        history = definition_history(settings.project_dir, files, settings.cache)
    return SiteInputs(
        project=project,
        measurements=measurements,
        checks=report,
        history=history,
        rules=default_rule_docs(),
        previous=previous,
        k_anonymity=settings.k_anonymity,
        chart_cache=charts,
    )


def _draw_charts_in_background(
    jobs: list[ChartJob], store: ChartStore, worker: ChartWorker | None
) -> threading.Thread:
    def draw() -> None:
        try:
            drawn = draw_all(jobs, store, worker)
        except Exception as error:  # what is missing is drawn at the end, where errors are reported
            log.warning("グラフの先行描画に失敗しました(最後に描画します): %s", error)
            return
        finally:
            if worker is not None:
                worker.close()
        log.info("グラフ: %d / %d 個を描画しました(残りは前回の結果を再利用)", drawn, len(jobs))

    thread = threading.Thread(target=draw, name="chart-drawing", daemon=True)
    thread.start()
    return thread


def validated_catalogue(settings: BuildSettings) -> LoadResult:
    """Load and run the rules; errors stop the build with the same lines as ``kpi check``."""
    from ..report import CheckOutcome, format_text
    from ..rules import run_rules

    loaded = load_catalogue(DirectoryTree(settings.project_dir))
    issues: list[Issue] = [*loaded.issues, *run_rules(loaded.project)]
    outcome = CheckOutcome.of(issues, len(loaded.files), loaded.project.counts())
    if outcome.errors:
        raise BuildFailure(format_text(outcome, settings.lang).rstrip("\n").splitlines())
    for warning in outcome.warnings:
        log.warning("%s: %s %s", warning.location, warning.code, warning.message(settings.lang))
    return loaded


def _data_digests(project: Project, data_dir: Path, cache: StageCache, lang: str) -> dict[str, str]:
    if not data_dir.is_dir():
        raise BuildFailure(
            [
                f"{data_dir}: データのフォルダがありません — 先に `kpi data`(サンプル)を実行するか、"
                "MA/SFA のエクスポートを置いてください"
                if lang == "ja"
                else f"{data_dir}: no data folder — run `kpi data` (the sample) first"
                " or put your MA/SFA exports there"
            ]
        )
    tables = list(project.sources.spec.tables) if project.sources else []
    memo = cache.read_json("fingerprints", "files.json")
    memo = memo if isinstance(memo, dict) else {}
    digests = file_digests(locate_data_files(data_dir, tables), memo)
    cache.write_text("fingerprints", "files.json", json.dumps(memo, sort_keys=True))
    return digests


def _measurement_key(project: Project, data: dict[str, str], settings: BuildSettings) -> str:
    return digest(
        "measure", measured_definitions(project), data, settings.k_anonymity, code_version("engine", "model")
    )


def _measure(
    project: Project, data_dir: Path, key: str, cache: StageCache, settings: BuildSettings
) -> MeasurementSet:
    from ..engine import measure_project  # pandas and DuckDB load only to measure

    measured = measure_project(project, data_dir, k_anonymity=settings.k_anonymity)
    cache.store("measurements", key, measured)
    log.info("計測: %d 個の KPI を計測しました", len(measured.kpis))
    return measured


def _as_build_failure(error: Exception, lang: str) -> Exception:
    """Bad data (from measuring or from the table checks' worker) stops the build with its message."""
    from ..engine.errors import DataError  # imported late: a cached rebuild never loads the engine

    return BuildFailure([error.message(lang)]) if isinstance(error, DataError) else error


def _sources_text(project_dir: Path, project: Project) -> str:
    """sources.yml as declared (its checks and column types decide the table checks)."""
    path = project_dir / project.sources.file if project.sources else None
    return path.read_bytes().hex() if path is not None and path.is_file() else ""
