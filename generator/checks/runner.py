"""``check_project_data``: load the catalogue, measure it with the engine, run every data check.

This is what ``kpi check --data`` calls. The engine is imported lazily; when it cannot measure (not
installed, or bad data), the table checks still run and each KPI gets a failing result saying why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..loading.catalogue import load_catalogue
from ..loading.source_tree import DirectoryTree
from ..model.check_result import CheckReport, CheckResult
from ..model.measurement import MeasurementSet
from ..model.project import Project
from .gx_validation import preload
from .plan import Messages, Target
from .suite import run_data_checks


def check_project_data(
    project_dir: Path, data_dir: Path | None = None, *, as_of: dt.date | None = None
) -> CheckReport:
    """Every table and KPI check for the project in ``project_dir`` on the data in ``data_dir``.

    ``data_dir`` defaults to ``sources.path`` under the project; ``as_of`` to ``sources.as_of`` (the
    sample's fixed date) or, for real data without one, today's date (the build date).
    """
    project = load_catalogue(DirectoryTree(project_dir)).project
    if data_dir is None:
        data_dir = project_dir / (project.sources.spec.path if project.sources else "data")
    # The engine picks its own as-of date unless one is given (sources.as_of, else the data's last day);
    # the checks judge freshness and the latest period against the sample date or the build date.
    gx_import = preload()
    measurements, problem = _measure(project, data_dir, as_of)
    gx_import.join()
    report = run_data_checks(project, data_dir, measurements, as_of=as_of or project.check_date())
    if problem is None:
        return report
    return CheckReport(report.results + unmeasured(project, problem))


def unmeasured(project: Project, problem: Messages) -> tuple[CheckResult, ...]:
    """One failing result per KPI, sorted by id, when nothing could be measured."""
    return tuple(
        Target(
            f"kpi:{item.spec.id}:measurement", "kpi", item.spec.id, "measurement", None, item.at("compute")
        ).result(False, (f"{item.spec.id}: {problem[0]}", f"{item.spec.id}: {problem[1]}"))
        for item in sorted(project.kpis, key=lambda item: item.spec.id)
    )


def _measure(
    project: Project, data_dir: Path, as_of: dt.date | None
) -> tuple[MeasurementSet | None, Messages | None]:
    measure = _engine_entry_point()
    if measure is None:
        return None, (
            "エンジン (generator.engine.measure_project) が使えないため計測できません"
            " — KPI のチェックは実行されません",
            "the engine (generator.engine.measure_project) is unavailable, so nothing was measured"
            " — KPI checks did not run",
        )
    from ..engine.errors import DataError

    try:
        measurements: MeasurementSet = measure(project, data_dir, as_of=as_of)
    except DataError as error:
        return None, (
            f"データに問題があるため計測できません — {error.message('ja')}",
            f"the data cannot be measured — {error.message('en')}",
        )
    return measurements, None


def _engine_entry_point() -> Callable[..., Any] | None:
    try:
        from .. import engine
    except ImportError:
        return None
    measure: Callable[..., Any] | None = getattr(engine, "measure_project", None)
    return measure
