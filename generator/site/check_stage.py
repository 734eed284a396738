"""The data-check stage of a build: table checks while measuring, KPI checks after, both cached.

The table checks need only the data, so on a cold build they start in a worker process before the
engine measures: the worker pays for importing Great Expectations (~3 s of Python) on the other core
instead of holding the build's interpreter. The KPI checks need the measurements and run after them,
in the same worker when it exists (GX is imported there already), else in this process.
Each half is cached by its own inputs, so editing a KPI's formula does not re-check the tables.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model.check_result import CheckReport, CheckResult
from ..model.issue import Location
from ..model.kpi import Kpi
from ..model.measurement import MeasurementSet
from ..model.project import Loaded, Project
from .cache import StageCache
from .codec import dumps
from .fingerprints import code_version, digest, kpi_check_definitions

CHECK_CODE = ("checks", "engine", "model")
log = logging.getLogger("generator.site")


@dataclass
class DataChecks:
    """Runs and caches the two halves of the data checks for one build."""

    project: Project
    data_dir: Path
    data: dict[str, str]  # table id → file digest
    cache: StageCache
    sources_text: str
    checked_on: dt.date = field(init=False)
    _worker: ProcessPoolExecutor | None = field(default=None, init=False)
    _tables: CheckReport | Future[CheckReport] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        # Freshness is judged against sources.as_of (the sample) or, for real data, the build date.
        self.checked_on = self.project.check_date()

    def start_tables(self) -> None:
        """Reuse the table checks, or start them in the worker (call before measuring)."""
        cached = self.cache.load("checks", self._tables_key(), CheckReport)
        if cached is not None:
            log.info("データチェック: 表のチェックは前回の結果を再利用します")
            self._tables = cached
            return
        from ..checks import check_tables

        self._tables = self._pool().submit(check_tables, self.project, self.data_dir, as_of=self.checked_on)

    def finish(self, measurements: MeasurementSet) -> CheckReport:
        """Every result: the tables' (as declared), then the KPIs' (by id)."""
        if self._tables is None:
            self.start_tables()
        kpi_key = self._kpi_key(measurements)
        kpis = self.cache.load("checks", kpi_key, CheckReport)
        if kpis is None:
            kpis = self._check_kpis(measurements)
            self.cache.store("checks", kpi_key, kpis)
        tables = self._tables
        if isinstance(tables, Future):
            tables = tables.result()  # re-raises the worker's DataError
            self.cache.store("checks", self._tables_key(), tables)
            self._tables = tables
        assert tables is not None
        return CheckReport(tables.results + relocate(kpis, self.project).results)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None

    def _check_kpis(self, measurements: MeasurementSet) -> CheckReport:
        from ..checks import check_kpi_series

        if self._worker is None:
            return check_kpi_series(self.project, measurements, as_of=self.checked_on)
        return self._worker.submit(
            check_kpi_series, self.project, measurements, as_of=self.checked_on
        ).result()

    def _pool(self) -> ProcessPoolExecutor:
        if self._worker is None:
            # "spawn": a forked child would inherit the parent's DuckDB threads mid-state.
            self._worker = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        return self._worker

    def _tables_key(self) -> str:
        return digest(
            "table-checks",
            self.checked_on.isoformat(),
            self.sources_text,
            self.data,
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
