"""Run every data-quality check: the table checks of sources.yml and each KPI's series checks."""

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
    steps: list[Step] = []
    own_backend = backend is None
    reader: Backend = DuckDbBackend() if backend is None else backend
    try:
        if project.sources is not None:
            steps.extend(plan_table_checks(project.sources, reader, data_dir, as_of))
    finally:
        if own_backend:
            reader.close()
    if measurements is not None:
        steps.extend(plan_kpi_checks(project, measurements, as_of))
    outcomes = validate([step for step in steps if isinstance(step, Planned)])
    return CheckReport(
        tuple(
            step.finish(outcomes[step.target.check_id]) if isinstance(step, Planned) else step
            for step in steps
        )
    )
