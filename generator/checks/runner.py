"""``check_measured``: every data check for a project whose measuring succeeded or failed.

The pipeline's check stage (``kpi check --data``) calls this with the measurements, or with the
failure that stopped measuring: then the table checks still run and each KPI gets a failing result
saying why. The checks read the tables on the same engine profile that measured.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from ..engine.profiles import EngineProfile
from ..model.check_result import CheckReport, CheckResult
from ..model.measurement import MeasurementSet
from ..model.project import Project
from .gx_validation import preload
from .plan import Messages, Target
from .suite import run_data_checks


class MeasuringFailure(Protocol):
    """Why nothing was measured (the pipeline's MeasureFailure), in both languages."""

    message_ja: str
    message_en: str


def check_measured(
    project: Project,
    data_dir: Path,
    measured: MeasurementSet | MeasuringFailure,
    profile: EngineProfile,
    *,
    as_of: dt.date,
) -> CheckReport:
    """Every table check and every KPI check, as of ``as_of`` (sources.as_of, else the build date)."""
    gx_import = preload()  # GX's import overlaps with opening the engine and summarising the tables
    measurements = measured if isinstance(measured, MeasurementSet) else None
    backend = profile.open()
    try:
        gx_import.join()
        report = run_data_checks(project, data_dir, measurements, as_of=as_of, backend=backend)
    finally:
        backend.close()
    if measurements is not None:
        return report
    assert not isinstance(measured, MeasurementSet)
    problem = (
        f"データに問題があるため計測できません — {measured.message_ja}",
        f"the data cannot be measured — {measured.message_en}",
    )
    return CheckReport(report.results + unmeasured(project, problem))


def check_project_data(
    project_dir: Path, data_dir: Path | None = None, *, as_of: dt.date | None = None
) -> CheckReport:
    """The pipeline's check stage for the project on disk (tests and scripts; commands use the pipeline)."""
    from ..pipeline import MeasureFailure, Workspace, check_data, load, measure

    workspace = Workspace(project_dir=project_dir, data_dir=data_dir)
    project = load(workspace).project  # as loaded: the checks of a partial project still run
    measured: MeasurementSet | MeasureFailure
    try:
        measured = measure(project, workspace, as_of=as_of)
    except MeasureFailure as failure:
        measured = failure
    return check_data(project, workspace, measured, as_of=as_of)


def unmeasured(project: Project, problem: Messages) -> tuple[CheckResult, ...]:
    """One failing result per KPI, sorted by id, when nothing could be measured."""
    return tuple(
        Target(
            f"kpi:{item.spec.id}:measurement", "kpi", item.spec.id, "measurement", None, item.at("compute")
        ).result(False, (f"{item.spec.id}: {problem[0]}", f"{item.spec.id}: {problem[1]}"))
        for item in sorted(project.kpis, key=lambda item: item.spec.id)
    )
