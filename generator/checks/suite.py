"""Run every data-quality check: the table checks of sources.yml and each KPI's series checks.

Each check goes through three steps, exposed separately so the build can run them where they wait
least: *plan* (DuckDB summaries of the tables, the KPIs' measured series: needs the data),
*validate* (Great Expectations on the planned frames: needs GX imported, ~3 s, which the build does
in a worker process ahead of time) and *finish* (each outcome explained in words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ..engine.backend import Backend
from ..engine.profiles import EngineProfile
from ..model.check_result import CheckReport
from ..model.measurement import MeasurementSet
from ..model.project import Project
from .gx_validation import validate
from .implied import implied_checks
from .imported import read_columns
from .kpi_checks import plan_kpi_checks
from .plan import Outcome, Planned, Step
from .table_checks import plan_table_checks


def run_data_checks(
    project: Project,
    data_dir: Path,
    measurements: MeasurementSet | None,
    *,
    as_of: dt.date,
    backend: Backend | None = None,
) -> CheckReport:
    """Check the tables in ``data_dir`` and, when given, the measured KPI series, as of ``as_of``.

    Results come in a fixed order: per table its schema then its checks as declared, then KPIs by id.
    Without ``measurements`` only the table checks run. ``backend`` is the engine
    that measured (default: the embedded engine, opened and closed here).
    """
    steps = plan_tables(project, data_dir, as_of=as_of, backend=backend)
    if measurements is not None:
        steps += plan_kpis(project, measurements, as_of=as_of)
    return finish(steps, validate(planned(steps)))


def plan_tables(
    project: Project, data_dir: Path, *, as_of: dt.date, backend: Backend | None = None
) -> list[Step]:
    """The table checks of ``sources.yml``, planned on summaries of the files in ``data_dir``."""
    if project.sources is None:
        return []
    reader = EngineProfile().open() if backend is None else backend
    try:
        return plan_table_checks(
            project.sources, reader, data_dir, as_of, implied_checks(project), read_columns(project)
        )
    finally:
        if backend is None:
            reader.close()


def plan_kpis(project: Project, measurements: MeasurementSet, *, as_of: dt.date) -> list[Step]:
    """Each KPI's own ``checks`` on its measured series, KPIs by id."""
    return plan_kpi_checks(project, measurements, as_of)


def planned(steps: list[Step]) -> list[Planned]:
    """The steps that need GX (the others already carry their result, e.g. a missing file)."""
    return [step for step in steps if isinstance(step, Planned)]


def finish(steps: list[Step], outcomes: Mapping[str, Outcome]) -> CheckReport:
    """Every step's result, in order: GX's outcome explained in words, or the result it already had."""
    return CheckReport(
        tuple(
            step.finish(outcomes[step.target.check_id]) if isinstance(step, Planned) else step
            for step in steps
        )
    )
