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
from dataclasses import dataclass, replace
from pathlib import Path

from ..loading.catalogue import LoadResult, load_catalogue
from ..loading.source_tree import DirectoryTree
from ..model.check_result import CheckReport, CheckResult
from ..model.issue import Issue, Location
from ..model.kpi import Kpi
from ..model.measurement import MeasurementSet
from ..model.project import Loaded, Project
from ..model.sources import Table
from ..render.chart_slots import VEGA_BUNDLE_JOB, ChartJob, ChartWorkers, draw_all
from ..render.inputs import PreviousBuild, SiteInputs
from ..render.site_pages import chart_jobs
from .assets import bundle_cached
from .cache import ChartStore, StageCache
from .codec import dumps
from .fingerprints import code_version, digest, file_digests, kpi_check_definitions, measured_definitions
from .history import definition_history
from .previous import read_previous
from .rule_docs import default_rule_docs

log = logging.getLogger("generator.site")
DATA_SUFFIXES = ("parquet", "csv")  # the engine's order (generator.engine.datafiles.FORMATS)


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
    workers: ChartWorkers | None = None
    try:
        with stage("計測"):
            data = _data_digests(project, data_dir, cache, settings.lang)
            key = _measurement_key(project, data, settings)
            cached = cache.load("measurements", key, MeasurementSet)
            if cached is None:
                # New numbers mean new charts: start the chart workers now, so their start-up
                # (imports, the JS runtime) overlaps with measuring.
                workers = ChartWorkers()
            if cached is not None:
                log.info("計測: 前回の結果を再利用します(定義とデータが同じため)")
            measurements = cached or _measure(project, data_dir, key, cache, settings)
        return _after_measuring(settings, loaded, data_dir, data, measurements, workers)
    finally:
        if workers is not None:
            workers.close()


def _after_measuring(
    settings: BuildSettings,
    loaded: LoadResult,
    data_dir: Path,
    data: dict[str, str],
    measurements: MeasurementSet,
    workers: ChartWorkers | None,
) -> SiteInputs:
    project = loaded.project
    cache = settings.cache
    charts = ChartStore(cache)
    # Static SVGs are the slowest part of a cold build: draw them in worker processes while the
    # data checks run here (both need only the measurements).
    jobs = chart_jobs(project, measurements)
    if not bundle_cached(cache):
        jobs.append(VEGA_BUNDLE_JOB)
    drawing = _draw_charts_in_background(jobs, charts, workers)
    with stage("データチェック"):
        checks = _check(project, data_dir, data, measurements, cache, settings)
    files = {k.spec.id: k.file for k in project.kpis}
    previous: PreviousBuild | None = read_previous(settings.previous_site) if settings.previous_site else None
    with stage("変更履歴"):
        history = definition_history(settings.project_dir, files, cache)
    with stage("グラフ(SVG)の描画待ち"):
        drawing.join()
    return SiteInputs(
        project=project,
        measurements=measurements,
        checks=checks,
        history=history,
        rules=default_rule_docs(),
        previous=previous,
        k_anonymity=settings.k_anonymity,
        chart_cache=charts,
    )


def _draw_charts_in_background(
    jobs: list[ChartJob], store: ChartStore, workers: ChartWorkers | None
) -> threading.Thread:
    def draw() -> None:
        try:
            drawn = draw_all(jobs, store, workers)
        except Exception as error:  # the pages draw what is missing themselves and report properly
            log.warning("グラフの先行描画に失敗しました(ページ生成時に描画します): %s", error)
            return
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
    digests = file_digests(_data_files(data_dir, tables), memo)
    cache.write_text("fingerprints", "files.json", json.dumps(memo, sort_keys=True))
    return digests


def _data_files(data_dir: Path, tables: list[Table]) -> dict[str, Path]:
    """Each table's file as the engine reads it (Parquet before CSV), without importing the engine:
    a rebuild that reuses the measurements should not pay for pandas and DuckDB."""
    found = {}
    for table in tables:
        for suffix in DATA_SUFFIXES:
            path = data_dir / f"{table.id}.{suffix}"
            if path.is_file():
                found[table.id] = path
                break
    return found


def _measurement_key(project: Project, data: dict[str, str], settings: BuildSettings) -> str:
    return digest(
        "measure", measured_definitions(project), data, settings.k_anonymity, code_version("engine", "model")
    )


def _measure(
    project: Project, data_dir: Path, key: str, cache: StageCache, settings: BuildSettings
) -> MeasurementSet:
    from ..engine import DataError, measure_project  # pandas and DuckDB load only to measure

    try:
        measured = measure_project(project, data_dir, k_anonymity=settings.k_anonymity)
    except DataError as error:
        raise BuildFailure([error.message(settings.lang)]) from None
    cache.store("measurements", key, measured)
    log.info("計測: %d 個の KPI を計測しました", len(measured.kpis))
    return measured


def _check(
    project: Project,
    data_dir: Path,
    data: dict[str, str],
    measurements: MeasurementSet,
    cache: StageCache,
    settings: BuildSettings,
) -> CheckReport:
    sources_file = settings.project_dir / project.sources.file if project.sources else None
    sources_bytes = sources_file.read_bytes().hex() if sources_file and sources_file.is_file() else ""
    from ..checks.runner import check_date

    # Freshness is judged against sources.as_of (the sample) or, for real data, the build date.
    checked_on = check_date(project)
    key = digest(
        "checks",
        checked_on.isoformat(),
        sources_bytes,
        kpi_check_definitions(project),
        digest(dumps(measurements)),
        data,
        code_version("checks", "engine", "model"),
    )
    cached = cache.load("checks", key, CheckReport)
    if cached is not None:
        log.info("データチェック: 前回の結果を再利用します")
        return relocate(cached, project)
    from ..checks import run_data_checks
    from ..engine import DataError

    try:
        report = run_data_checks(project, data_dir, measurements, as_of=checked_on)
    except DataError as error:
        raise BuildFailure([error.message(settings.lang)]) from None
    cache.store("checks", key, report)
    return report


def relocate(report: CheckReport, project: Project) -> CheckReport:
    """Point reused KPI-check results at where their checks are declared *now* (lines move on edits)."""
    seen: dict[tuple[str, str], int] = {}
    results: list[CheckResult] = []
    for result in report.results:
        item = project.kpi(result.subject) if result.subject_kind == "kpi" else None
        if item is not None:
            nth = seen.get((result.subject, result.rule), 0)
            seen[(result.subject, result.rule)] = nth + 1
            location = _declared_at(item, result.rule, nth)
            if location is not None:
                result = replace(result, location=location)
        results.append(result)
    return CheckReport(tuple(results))


def _declared_at(item: Loaded[Kpi], rule: str, nth: int) -> Location | None:
    if rule == "measurement":
        return item.at("compute")
    if rule == "checks":
        return item.at("id")
    matches = [i for i, check in enumerate(item.spec.checks) if check.check == rule]
    return item.at("checks", matches[nth]) if nth < len(matches) else None
