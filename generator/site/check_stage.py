"""The data-check stage of a build: GX imported ahead of time, checks cached by what they read.

Importing Great Expectations costs ~3 s of Python. On a build that has checks to run, a worker process
imports it while this process measures; once the measurements exist, this process plans every check
(DuckDB summaries of the tables, the KPI series), the worker validates the planned frames and this
process explains the outcomes. The table checks and the KPI checks are cached apart, by their own
inputs, so editing a KPI's formula does not re-check the tables.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
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
    """Runs and caches the table checks and the KPI checks of one build."""

    project: Project
    data_dir: Path
    data: dict[str, str]  # table id → file digest
    cache: StageCache
    sources_text: str
    checked_on: dt.date = field(init=False)
    _worker: ProcessPoolExecutor | None = field(default=None, init=False)
    _tables: CheckReport | None = field(default=None, init=False)  # reused, as found by start()

    def __post_init__(self) -> None:
        # Freshness is judged against sources.as_of (the sample) or, for real data, the build date.
        self.checked_on = self.project.check_date()

    def start(self) -> None:
        """When the tables must be checked again, import GX in a worker now (call before measuring)."""
        self._tables = self.cache.load("checks", self._tables_key(), CheckReport)
        if self._tables is not None:
            return
        from ..checks.gx_validation import warm_up

        # "spawn": a forked child would inherit the parent's DuckDB threads mid-state.
        self._worker = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._worker.submit(warm_up)

    def finish(self, measurements: MeasurementSet) -> CheckReport:
        """Every result (after ``start``): the tables' (as declared), then the KPIs' (by id)."""
        kpis_key = self._kpi_key(measurements)
        tables = self._tables
        kpis = self.cache.load("checks", kpis_key, CheckReport)
        if tables is not None and kpis is not None:
            log.info("データチェック: 前回の結果を再利用します")
        if tables is None or kpis is None:
            fresh = self._run(measurements, tables is None, kpis is None)
            if tables is None:
                tables = CheckReport(tuple(r for r in fresh.results if r.subject_kind != "kpi"))
                self.cache.store("checks", self._tables_key(), tables)
            if kpis is None:
                kpis = CheckReport(tuple(r for r in fresh.results if r.subject_kind == "kpi"))
                self.cache.store("checks", kpis_key, kpis)
        return CheckReport(tables.results + relocate(kpis, self.project).results)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None

    def _run(self, measurements: MeasurementSet, with_tables: bool, with_kpis: bool) -> CheckReport:
        from ..checks import finish, plan_kpis, plan_tables, planned
        from ..checks.gx_validation import portable, validate

        steps = plan_tables(self.project, self.data_dir, as_of=self.checked_on) if with_tables else []
        if with_kpis:
            steps += plan_kpis(self.project, measurements, as_of=self.checked_on)
        expectations = planned(steps)
        if self._worker is None:
            return finish(steps, validate(expectations))
        return finish(steps, self._worker.submit(validate, portable(expectations)).result())

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
