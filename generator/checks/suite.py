"""Run every data-quality check: the table checks of sources.yml and each KPI's series checks.

The two halves are separate entry points because they need different inputs: the table checks only
the data (the build runs them in a worker while it measures), the KPI checks the measurements.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..engine.backend import Backend
from ..engine.duckdb_backend import DuckDbBackend
from ..model.check_result import CheckReport
from ..model.measurement import MeasurementSet
from ..model.project import Project
from .gx_validation import validate
from .kpi_checks import plan_kpi_checks
from .plan import Planned, Step
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
    Without ``measurements`` only the table checks run. ``backend`` defaults to DuckDB over the files.
    """
    tables = check_tables(project, data_dir, as_of=as_of, backend=backend)
    if measurements is None:
        return tables
    return CheckReport(tables.results + check_kpi_series(project, measurements, as_of=as_of).results)


def check_tables(
    project: Project, data_dir: Path, *, as_of: dt.date, backend: Backend | None = None
) -> CheckReport:
    """The table checks of ``sources.yml`` on the files in ``data_dir``."""
    if project.sources is None:
        return CheckReport(())
    reader: Backend = DuckDbBackend() if backend is None else backend
    try:
        steps = plan_table_checks(project.sources, reader, data_dir, as_of)
    finally:
        if backend is None:
            reader.close()
    return _validated(steps)


def check_kpi_series(project: Project, measurements: MeasurementSet, *, as_of: dt.date) -> CheckReport:
    """Each KPI's own ``checks`` on its measured series, KPIs by id."""
    return _validated(plan_kpi_checks(project, measurements, as_of))


def _validated(steps: list[Step]) -> CheckReport:
    outcomes = validate([step for step in steps if isinstance(step, Planned)])
    return CheckReport(
        tuple(
            step.finish(outcomes[step.target.check_id]) if isinstance(step, Planned) else step
            for step in steps
        )
    )
