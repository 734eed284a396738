"""The incremental layer of ``build_site``: the pipeline's stages, remembered and overlapped.

Nothing here decides a number; it decides *whether a stage must run again* and *what can run at the
same time*:

- measurements are reused when the measured definitions, the data files' bytes and formats, the
  engine and the code are the same (``_measurement_key``);
- the data checks run in a worker process that imports Great Expectations while this one measures
  (``site/check_stage.py``), each half cached by its own inputs;
- static chart SVGs are drawn in a worker while the checks finish and the pages are built, and are
  filled into the built HTML at the end (``fill_charts``);
- the definition history from git is cached per file.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from types import TracebackType

from .model.check_result import CheckReport
from .model.measurement import MeasurementSet
from .model.project import Project
from .model.sources import locate_data_files
from .pipeline import Workspace, data_folder, engine_profile, measure
from .render.chart_slots import CHART_MARKER, VEGA_BUNDLE_JOB, ChartJob, ChartWorker, draw_all, fill_charts
from .render.environment import environment
from .render.inputs import SiteInputs
from .site.assets import bundle_cached, machine_cache
from .site.build_memo import use_bytecode_cache
from .site.cache import ChartStore
from .site.change_log import change_log
from .site.check_stage import DataChecks
from .site.errors import BuildFailure
from .site.fingerprints import file_digests, measurement_key
from .site.history import definition_history
from .site.previous import read_previous
from .site.rule_docs import default_rule_docs
from .stage_log import stage

log = logging.getLogger("generator.site")


class IncrementalRun:
    """One build's caches and workers; use as a context manager so workers never outlive it."""

    def __init__(self, workspace: Workspace, project: Project) -> None:
        self.workspace = workspace
        self.project = project
        self.cache = workspace.cache
        self.data_dir = data_folder(project, workspace)
        self.profile = engine_profile(project, workspace)
        self.data = self._data_digests()
        self.checks = DataChecks(project, self.data_dir, self.data, self.cache, self.profile)
        self.charts = ChartStore(self.cache)
        self._chart_worker: ChartWorker | None = None

    def __enter__(self) -> IncrementalRun:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is not None:
            self.checks.abort()
        self.checks.close()
        if self._chart_worker is not None:
            self._chart_worker.close()

    def measure(self) -> MeasurementSet:
        """The measurements: remembered when nothing they depend on changed, else measured now."""
        with stage("計測"):
            key = self._measurement_key()
            cached = self.cache.load("measurements", key, MeasurementSet)
            self.checks.start(cached)  # the worker imports GX and checks the tables while this one measures
            if cached is not None:
                log.info("計測: 前回の結果を再利用します(定義とデータが同じため)")
                return cached
            # New numbers mean new charts: the chart worker's start-up overlaps with measuring.
            self._chart_worker = ChartWorker()
            measured = measure(self.project, self.workspace)
            self.cache.store("measurements", key, measured)
            log.info("計測: %d 個の KPI を計測しました", len(measured.kpis))
            return measured

    def check(self, measurements: MeasurementSet) -> CheckReport:
        """Start drawing the charts, then finish the data checks (both overlap with each other)."""
        from .render.site_pages import chart_jobs  # the page code loads after the GX worker has started

        jobs = chart_jobs(self.project, measurements)
        if not bundle_cached(self.cache):
            jobs.insert(0, VEGA_BUNDLE_JOB)  # the render stage asks for it first (see assets.vega_bundle)
        if self._chart_worker is None and _worth_a_worker(jobs, self.charts):
            self._chart_worker = ChartWorker()
        self.charts.drawing = self._draw_in_background(jobs)
        with stage("データチェック"):
            try:
                return self.checks.finish(measurements)
            except Exception as error:
                raise _as_build_failure(error, self.workspace.lang) from None

    def site_inputs(
        self, measurements: MeasurementSet, checks: CheckReport, previous_site: Path
    ) -> SiteInputs:
        """What the render stage reads, with the definition history and the previous build's summary."""
        use_bytecode_cache(environment(), machine_cache().root / "jinja")
        files = {k.spec.id: k.file for k in self.project.kpis}
        with stage("変更履歴"):
            history = definition_history(self.workspace.project_dir, files, self.cache)
            log = change_log(self.workspace.project_dir, self.cache)
        return SiteInputs(
            project=self.project,
            measurements=measurements,
            checks=checks,
            history=history,
            change_log=log,
            rules=default_rule_docs(self.workspace.lang),
            previous=read_previous(previous_site),
            k_anonymity=self.workspace.k_anonymity,
            chart_cache=self.charts,
        )

    def fill_charts(self, built: Path) -> None:
        """Put each chart's HTML (spec + static SVG) where a built page left a marker."""
        with stage("グラフ(SVG)の描画待ち"):
            self.charts.finish()
        for path in sorted(built.rglob("*.html")):
            text = path.read_bytes().decode("utf-8")  # bytes: no newline translation either way
            if CHART_MARKER.search(text):
                path.write_bytes(fill_charts(text, self.charts).encode("utf-8"))
        self.charts.prune()

    def _draw_in_background(self, jobs: list[ChartJob]) -> threading.Thread:
        worker = self._chart_worker
        self._chart_worker = None  # the drawing thread owns it now and closes it

        def draw() -> None:
            try:
                drawn = draw_all(jobs, self.charts, worker)
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

    def _data_digests(self) -> dict[str, str]:
        if not self.data_dir.is_dir():
            raise BuildFailure(
                [
                    f"{self.data_dir}: データのフォルダがありません — 先に `kpi data`(サンプル)を実行するか、"
                    "MA/SFA のエクスポートを置いてください"
                    if self.workspace.lang == "ja"
                    else f"{self.data_dir}: no data folder — run `kpi data` (the sample) first"
                    " or put your MA/SFA exports there"
                ]
            )
        sources = self.project.sources
        tables = list(sources.spec.tables) if sources else []
        memo = self.cache.read_json("fingerprints", "files.json")
        memo = memo if isinstance(memo, dict) else {}
        digests = file_digests(locate_data_files(self.data_dir, tables), memo)
        self.cache.write_text("fingerprints", "files.json", json.dumps(memo, sort_keys=True))
        return digests

    def _measurement_key(self) -> str:
        return measurement_key(self.project, self.data, self.workspace.k_anonymity, self.profile.name)


def _worth_a_worker(jobs: list[ChartJob], charts: ChartStore) -> bool:
    from .render.chart_slots import worth_a_worker

    return worth_a_worker(sum(1 for job in jobs if charts.get(job.key) is None))


def _as_build_failure(error: Exception, lang: str) -> Exception:
    """Bad data found by the table checks' worker stops the build with its message."""
    from .engine.errors import DataError

    return BuildFailure([error.message(lang)]) if isinstance(error, DataError) else error
