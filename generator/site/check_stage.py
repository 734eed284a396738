"""The data-check stage of a build: GX imported ahead of time, checks cached by what they read.

Importing Great Expectations costs ~3.5 s of Python. On a build that has checks to run, a worker
process imports it while this process measures, and runs the table checks there and then (they read
only the data: DuckDB summaries of the tables, validated by GX). Once the measurements exist, this
process plans the KPI checks on their series, the worker validates them and this process explains
the outcomes. The table checks and the KPI checks are cached apart, by their own inputs, so editing
a KPI's formula does not re-check the tables.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..engine.profiles import EngineProfile
from ..model.check_result import CheckReport, CheckResult
from ..model.issue import Location
from ..model.kpi import Kpi
from ..model.measurement import MeasurementSet
from ..model.project import Loaded, Project
from ..worker_pool import worker_pool
from .cache import StageCache
from .codec import dumps
from .fingerprints import code_version, digest, kpi_check_definitions, spec

CHECK_CODE = ("checks", "engine", "measures", "model")
log = logging.getLogger("generator.site")


@dataclass
class DataChecks:
    """Runs and caches the table checks and the KPI checks of one build."""

    project: Project
    data_dir: Path
    data: dict[str, str]  # table id → file digest
    cache: StageCache
    profile: EngineProfile
    checked_on: dt.date = field(init=False)
    _worker: ProcessPoolExecutor | None = field(default=None, init=False)
    _tables: CheckReport | Future[CheckReport] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        # Freshness is judged against sources.as_of (the sample) or, for real data, the build date.
        self.checked_on = self.project.check_date()

    def start(self, measurements: MeasurementSet | None) -> None:
        """Call before measuring, with the cached measurements if any: what must run again starts now.

        New measurements mean new KPI-check results, so without cached ones the worker starts too.
        """
        self._tables = self.cache.load("checks", self._tables_key(), CheckReport)
        kpis = None if measurements is None else self._cached_kpis(self._kpi_key(measurements))
        if self._tables is not None and kpis is not None:
            return
        self._worker = start_worker()
        if self._tables is None:
            # All they read, and a small pickle: the sources, and the KPIs for the columns they sum
            # (each summed column gets an implied ``finite`` check, see checks.implied).
            tables_only = Project(sources=self.project.sources, kpis=self.project.kpis)
            self._tables = self._worker.submit(
                check_tables, tables_only, self.data_dir, self.checked_on, self.profile
            )
        else:
            self._worker.submit(import_gx)

    def finish(self, measurements: MeasurementSet) -> CheckReport:
        """Every result (after ``start``): the tables' (as declared), then the KPIs' (by id)."""
        kpis_key = self._kpi_key(measurements)
        kpis = self._cached_kpis(kpis_key)
        if kpis is None:
            kpis = self._check_kpis(measurements)
            self.cache.store("checks", kpis_key, kpis)
        if self._worker is None:
            log.info("データチェック: 前回の結果を再利用します")
        if isinstance(self._tables, Future):
            self._tables = self._tables.result()
            self.cache.store("checks", self._tables_key(), self._tables)
        tables = self._tables if self._tables is not None else CheckReport(())
        return CheckReport(tables.results + relocate(kpis, self.project).results)

    def close(self) -> None:
        """After ``finish``: the worker has nothing left to do, let it exit."""
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None

    def abort(self) -> None:
        """The build failed: stop the worker now, not after its GX import and table checks (~5 s)."""
        if self._worker is not None:
            stop_worker(self._worker)
            self._worker = None

    def _check_kpis(self, measurements: MeasurementSet) -> CheckReport:
        from ..checks import finish, plan_kpis, planned
        from ..checks.gx_validation import portable, validate

        steps = plan_kpis(self.project, measurements, as_of=self.checked_on)
        expectations = planned(steps)
        if self._worker is None:
            return finish(steps, validate(expectations))
        return finish(steps, self._worker.submit(validate, portable(expectations)).result())

    def _cached_kpis(self, key: str) -> CheckReport | None:
        return self.cache.load("checks", key, CheckReport)

    def _tables_key(self) -> str:
        return digest(
            "table-checks",
            self.checked_on.isoformat(),
            self.project.sources.spec.model_dump_json() if self.project.sources else "",
            [spec(item.spec.compute) for item in self.project.kpis],  # the columns they sum
            self.data,
            self.profile.name,
            code_version(*CHECK_CODE),
        )

    def _kpi_key(self, measurements: MeasurementSet) -> str:
        return digest(
            "kpi-checks",
            self.checked_on.isoformat(),
            kpi_check_definitions(self.project),
            digest(dumps(measurements)),
            code_version(*CHECK_CODE),
        )


def start_worker() -> ProcessPoolExecutor:
    return worker_pool()  # spawned, and killed with the build if the build is killed


# What the worker runs. GX, pandas and the engine are imported there, by these, not by the build
# process before it starts the worker: the worker's chain (import GX, check) is the build's longest.


def check_tables(project: Project, data_dir: Path, as_of: dt.date, profile: EngineProfile) -> CheckReport:
    from ..checks import run_data_checks

    backend = profile.open()
    try:
        return run_data_checks(project, data_dir, None, as_of=as_of, backend=backend)
    finally:
        backend.close()


def import_gx() -> None:
    from ..checks.gx_validation import warm_up

    warm_up()


def stop_worker(worker: ProcessPoolExecutor) -> None:
    # Python 3.14 has a public terminate_workers(); before it, the pool's process table is the way.
    terminate = getattr(worker, "terminate_workers", None)
    if callable(terminate):
        terminate()
        return
    for process in list(getattr(worker, "_processes", {}).values()):
        process.terminate()
    worker.shutdown(wait=True, cancel_futures=True)


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
