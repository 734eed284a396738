"""The queries the engine would run, compiled against the declared schema alone (no data needed).

``kpi sql`` prints them for a warehouse's dialect, and rule ENG001 checks that the configured engine's
dialect can express each KPI's queries. The tables of ``definitions/sources.yml`` are created empty in
an in-memory DuckDB with their exposed columns (the same ones a backend loads), and the catalogue is
measured there exactly as on data, every query recorded. Queries that depend on the data (the as-of
day, lead-key collisions) take the schema-only path: ``as_of`` is sources.yml's, else the given day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlglot import exp

from ..model.kpi import Kpi
from ..model.project import Project
from ..model.sources import Column
from .assemble import measure_kpi
from .datafiles import measured_columns
from .duckdb_backend import DuckDbBackend
from .evaluate import Evaluator
from .measuring import _funnel, _requests, _slas, _tree
from .privacy import GuardedBackend, personal_columns
from .source_sql import exposed_columns


class SchemaBackend(DuckDbBackend):
    """DuckDB holding each declared table empty, recording every query it is given."""

    def __init__(self) -> None:
        super().__init__(threads=1)
        self.queries: list[exp.Expression] = []

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        for table, declared in sorted(columns.items()):
            schema = exp.Schema(
                this=exp.to_table(table),
                expressions=[
                    exp.ColumnDef(this=exp.to_identifier(name, quoted=True), kind=kind)
                    for name, kind in exposed_columns(declared, hashed_lead_keys=hashed_lead_keys)
                ],
            )
            created = exp.Create(this=schema, kind="TABLE", replace=True)
            self._connection.execute(created.sql(self.dialect))

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        self.queries.append(query)
        return super().fetch(query)

    def materialize(self, name: str, query: exp.Expression) -> None:
        self.queries.append(query)
        super().materialize(name, query)


@dataclass(frozen=True)
class Compiled:
    """The queries of one KPI (``kpi_id``), or of the shared parts (``kpi_id`` None: tree, funnel, SLAs)."""

    kpi_id: str | None
    queries: tuple[exp.Expression, ...]


def compile_catalogue(project: Project, as_of: dt.date, only: str | None = None) -> list[Compiled]:
    """Every KPI's queries (or ``only`` that KPI's), then the tree's, the funnel's and the SLA reports'."""
    if project.sources is None:
        return []
    tables = {table.id: table for table in project.sources.spec.tables}
    day = _configured_day(project) or as_of
    backend = SchemaBackend()
    database = GuardedBackend(backend, personal_columns(tables.values()))
    try:
        database.register_tables({}, {t: measured_columns(table) for t, table in tables.items()})
        kpis = sorted((loaded.spec for loaded in project.kpis), key=lambda kpi: kpi.id)
        compiled = [
            _compile_kpi(project, database, backend, kpi, day)
            for kpi in kpis
            if only is None or kpi.id == only
        ]
        if only is None:
            evaluator = Evaluator(project, database, day, tables)
            _tree(project, evaluator, kpis, day)
            _funnel(evaluator, day, 5)
            _slas(project, evaluator, day, 5)
            compiled.append(Compiled(None, tuple(backend.queries)))
    finally:
        database.close()
    return compiled


def _compile_kpi(
    project: Project, database: GuardedBackend, recorder: SchemaBackend, kpi: Kpi, day: dt.date
) -> Compiled:
    """One KPI measured alone (a fresh evaluator: nothing shared with another KPI is left out)."""
    recorder.queries.clear()
    tables = {table.id: table for table in project.sources.spec.tables} if project.sources else {}
    evaluator = Evaluator(project, database, day, tables)
    evaluator.prefetch(_requests([kpi], day))
    measure_kpi(evaluator, kpi, day, 5)
    queries = tuple(recorder.queries)
    recorder.queries.clear()
    return Compiled(kpi.id, queries)


def _configured_day(project: Project) -> dt.date | None:
    """sources.yml's ``as_of``, when it is a date (a bad one is reported when measuring)."""
    text = project.sources.spec.as_of if project.sources else None
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
