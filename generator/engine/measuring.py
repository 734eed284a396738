"""``measure_project``: every KPI of the catalogue from the data files — a pure function of the two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sqlglot import exp

from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.measurement import Funnel, KpiMeasurement, MeasurementSet, SlaReport, TreeNodeValue
from ..model.project import Project
from ..model.sources import Sources
from .assemble import measure_kpi, trailing_year_value
from .backend import Backend
from .calendar import CalendarError
from .datafiles import DataFile, check_files, fingerprint
from .duckdb_backend import DuckDbBackend
from .errors import DataError, MeasureError
from .evaluate import Evaluator, Request, backend_fetch
from .funnel import measure_funnel
from .lead_keys import LEADS, keys_unique
from .partial import absent_inputs, unmeasurable
from .privacy import GuardedBackend, personal_columns
from .scope import segment_scope, series_scope, trailing_year_scope
from .segment_names import name_campaign_segments
from .sla_report import build_sla_report
from .sqlparts import col
from .tree_math import tree_values

Progress = Callable[[str], None]


def measure_project(
    project: Project,
    data_dir: Path,
    *,
    as_of: dt.date | None = None,
    backend: Backend | None = None,
    k_anonymity: int = 5,
    progress: Progress | None = None,
) -> MeasurementSet:
    """Check the data files, then measure every KPI (series, segments) and the tree's actuals.

    Raises DataError for bad data. A KPI that cannot be measured from its definition gets
    ``KpiMeasurement.error`` instead. ``backend`` defaults to an embedded DuckDB, closed afterwards.
    """
    report = progress or (lambda _message: None)
    sources = sources_of(project)
    # Only leads must exist; a KPI whose other tables are absent is unmeasurable, not a stopped build.
    files = check_files(data_dir, sources.tables, {LEADS})
    report(f"data checked: {', '.join(sorted(files))}")
    data_fingerprint = fingerprint(files)
    owned = backend is None
    database = GuardedBackend(backend or DuckDbBackend(), personal_columns(sources.tables))
    try:
        register_data(database, files)
        day = as_of or _configured_as_of(sources) or _latest_day(database)
        tables = {table.id: table for table in sources.tables if table.id in files}
        evaluator = Evaluator(project, database, day, tables)
        every_kpi = sorted((loaded.spec for loaded in project.kpis), key=lambda kpi: kpi.id)
        absent = absent_inputs(every_kpi, set(files), required_tables)
        kpis = [kpi for kpi in every_kpi if kpi.id not in absent]
        evaluator.prefetch(_requests(kpis, day))
        report("shared counts measured")
        measured: dict[str, KpiMeasurement] = {}
        for kpi in every_kpi:
            if kpi.id in absent:
                measured[kpi.id] = unmeasurable(kpi, absent[kpi.id])
                continue
            measured[kpi.id] = measure_kpi(evaluator, kpi, day, k_anonymity)
            report(f"measured {kpi.id}")
        measured = name_campaign_segments(measured, backend_fetch(database), tables)
        tree = _tree(project, evaluator, kpis, day)
        funnel = _funnel(evaluator, day, k_anonymity)
        slas = _slas(project, evaluator, day, k_anonymity) if {"handoffs", "activities"} <= set(files) else ()
        report("tree, funnel and SLA reports measured")
    finally:
        if owned:
            database.close()
    return MeasurementSet(
        as_of=day, data_fingerprint=data_fingerprint, kpis=measured, tree=tree, funnel=funnel, slas=slas
    )


def register_data(database: GuardedBackend, files: Mapping[str, DataFile]) -> None:
    """Register the tables with hashed lead keys, or with the ids as keys when two ids share a hash."""
    paths, columns = {t: f.path for t, f in files.items()}, {t: f.columns for t, f in files.items()}
    database.register_tables(paths, columns)
    if not keys_unique(backend_fetch(database)):
        database.register_tables(paths, columns, hashed_lead_keys=False)


def required_tables(kpis: Iterable[Kpi], with_slas: bool = False) -> set[str]:
    """Tables the catalogue reads (``leads`` always: segments and the funnel need it)."""
    needed = {LEADS} | ({"handoffs", "activities"} if with_slas else set())
    for kpi in kpis:
        needed |= kind_of(kpi.compute).data_tables(kpi.compute)
    return needed


def _requests(kpis: Iterable[Kpi], as_of: dt.date) -> list[Request]:
    requests: list[Request] = []
    window = trailing_year_scope(as_of)
    for kpi in kpis:
        requests.append((kpi.id, series_scope(kpi.grain, as_of)))
        requests.extend((kpi.id, segment_scope(dimension, as_of)) for dimension in kpi.segments)
        requests.append((kpi.id, window))
    return requests


def _tree(
    project: Project, evaluator: Evaluator, kpis: list[Kpi], as_of: dt.date
) -> tuple[TreeNodeValue, ...]:
    """Targets down from the KGI, forecast up from the trailing twelve months' actuals."""
    window = trailing_year_scope(as_of)
    actuals = {kpi.id: trailing_year_value(evaluator, kpi.id, window) for kpi in kpis}
    return tree_values(project, actuals)


def _funnel(evaluator: Evaluator, as_of: dt.date, k_anonymity: int) -> Funnel | None:
    try:
        return measure_funnel(evaluator.fetch, as_of, k_anonymity=k_anonymity)
    except MeasureError:
        return None  # the funnel page then says there is no funnel; KPIs are unaffected


def _slas(project: Project, evaluator: Evaluator, as_of: dt.date, k_anonymity: int) -> tuple[SlaReport, ...]:
    reports = []
    for loaded in sorted(project.slas, key=lambda s: s.spec.id):
        sla = loaded.spec
        try:
            scores, judged = evaluator.scores(sla.id), evaluator.judged_handoffs(sla.id)
            reports.append(
                build_sla_report(
                    evaluator.fetch, sla, as_of, k_anonymity=k_anonymity, scores=scores, judged=judged
                )
            )
        except (MeasureError, CalendarError):
            continue  # its KPIs (sla_compliance, score_at_least) carry the error
    return tuple(reports)


def sources_of(project: Project) -> Sources:
    if project.sources is None:
        raise DataError(
            "definitions/sources.yml",
            "-",
            None,
            "definitions/sources.yml がないためデータを読めません",
            "definitions/sources.yml is missing, so the data cannot be read",
        )
    return project.sources.spec


def _configured_as_of(sources: Sources) -> dt.date | None:
    if sources.as_of is None:
        return None
    try:
        return dt.date.fromisoformat(sources.as_of)
    except ValueError:
        raise DataError(
            "definitions/sources.yml",
            "-",
            "as_of",
            f"as_of「{sources.as_of}」は日付(2026-09-30 の形)ではありません",
            f"as_of '{sources.as_of}' is not a date (write it like 2026-09-30)",
        ) from None


def _latest_day(database: GuardedBackend) -> dt.date:
    """Without a configured as-of: the day of the latest lead creation (data decide, not the clock)."""
    frame = backend_fetch(database)(
        exp.select(exp.alias_(exp.Max(this=col("created_at")), "latest"), copy=False).from_(
            exp.to_table(LEADS), copy=False
        )
    )
    latest = frame["latest"].iloc[0]
    if latest is None or latest != latest:
        raise DataError(f"{LEADS}", LEADS, "created_at", "created_at が空です", "created_at is empty")
    return dt.date.fromisoformat(str(latest)[:10])
