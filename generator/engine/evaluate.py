"""Evaluate KPIs over scopes: each KPI through its measure kind, KPI references resolved, scans shared.

``prefetch`` first gathers every measure the requested KPIs reach (through ratios, references and
derived expressions) whose kind measures in a batch — counts and sums in one fused query per (scope,
table, time column), the engagement definitions in one pass — and everything else is measured by its
kind (``generator/measures/``), one query per KPI and scope. Results are memoised per (KPI, scope), so
a KPI referenced by many others is measured once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping

import pandas as pd
from sqlglot import exp

from ..measures.kind import SharedBatch
from ..measures.registry import kind_of
from ..model.kpi import Kpi
from ..model.project import Project
from ..model.sla import BusinessCalendar, Sla
from ..model.sources import Table
from .backend import Backend
from .batches import VolumeBatches
from .calendar import CalendarError
from .cohorts import BusinessHours
from .errors import MeasureError
from .no_data import has_values
from .scope import Cell, Cells, Key, Scope
from .scoring import score_leads
from .sla_report import handoffs_query, judge_handoffs

Request = tuple[str, Scope]


class Evaluator:
    """Measures KPIs of one project on one backend for one as-of date."""

    def __init__(
        self, project: Project, backend: Backend, as_of: dt.date, tables: Mapping[str, Table]
    ) -> None:
        self._project = project
        self._backend = backend
        self._as_of = as_of
        self._tables = tables
        self._fetch: Callable[[exp.Expr], pd.DataFrame] = backend_fetch(backend)
        self._shared: dict[tuple[Scope, Hashable], Cells | MeasureError] = {}
        self._memo: dict[Request, Cells | MeasureError] = {}
        self._in_progress: set[Request] = set()
        self.volumes = VolumeBatches(tables, self._fetch, backend)
        self.hours = BusinessHours(self._calendar, as_of)
        self._scores: dict[str, pd.DataFrame] = {}
        self._judged: dict[str, pd.DataFrame] = {}
        self._has_values: dict[tuple[str, str], bool] = {}

    # --- public ------------------------------------------------------------------------------------

    @property
    def project(self) -> Project:
        return self._project

    @property
    def tables(self) -> Mapping[str, Table]:
        return self._tables

    def prefetch(self, requests: Iterable[Request]) -> None:
        """Batch what can be shared: every measure the requests reach whose kind has a batch (counts and
        sums: one fused query per scope, table and time; engagement: one pass for all)."""
        wanted: dict[SharedBatch, list[tuple[Hashable, Scope]]] = {}
        for spec, scope in self._reached(requests):
            batch = kind_of(spec).batch
            if batch is not None and (scope, spec) not in self._shared:
                wanted.setdefault(batch, []).append((spec, scope))
        for batch, pending in wanted.items():
            self._shared.update(batch.measure(self, pending))

    def has_values(self, table: str, column: str) -> bool:
        """Whether any row of ``table`` holds a value in ``column`` (asked once per column and run)."""
        if (table, column) not in self._has_values:
            self._has_values[(table, column)] = has_values(self._fetch, table, column)
        return self._has_values[(table, column)]

    def shared(self, batch: SharedBatch, spec: Hashable, scope: Scope) -> Cells:
        """The cells ``batch`` measured for ``spec`` in ``scope`` (alone, when prefetch did not reach it)."""
        if (scope, spec) not in self._shared:
            self._shared.update(batch.measure(self, [(spec, scope)]))
        return _cells_or_raise(self._shared[(scope, spec)])

    def cells(self, kpi_id: str, scope: Scope) -> Cells:
        """The KPI's cells in ``scope``; raises MeasureError when it cannot be measured."""
        request = (kpi_id, scope)
        if request not in self._memo:
            if request in self._in_progress:
                raise MeasureError(
                    f"KPI {kpi_id} が自分自身を参照しています", f"KPI {kpi_id} refers to itself"
                )
            self._in_progress.add(request)
            try:
                self._memo[request] = self._measure(self._kpi(kpi_id), scope)
            except MeasureError as error:
                self._memo[request] = error
            except CalendarError as error:
                self._memo[request] = MeasureError(error.message_ja, error.message_en)
            finally:
                self._in_progress.discard(request)
        result = self._memo[request]
        if isinstance(result, MeasureError):
            raise result
        return result

    def default(self, kpi_id: str, key: Key, scope: Scope) -> Cell:
        """The value of a period without any rows: 0 for volumes, None for rates and durations."""
        kpi = self._kpi(kpi_id)
        return kind_of(kpi.compute).default(self, kpi, kpi.compute, key, scope)

    def _measure(self, kpi: Kpi, scope: Scope) -> Cells:
        return kind_of(kpi.compute).measure(self, kpi, kpi.compute, scope)

    # --- lookups -----------------------------------------------------------------------------------

    def _reached(self, requests: Iterable[Request]) -> list[tuple[Hashable, Scope]]:
        """Every measure reachable from ``requests`` (through ratios, references, derived KPIs)."""
        found: list[tuple[Hashable, Scope]] = []
        seen: set[Request] = set()
        stack = list(requests)
        while stack:
            kpi_id, scope = stack.pop()
            loaded = self._project.kpi(kpi_id)
            if (kpi_id, scope) in seen or loaded is None:
                continue
            seen.add((kpi_id, scope))
            compute = loaded.spec.compute
            kind = kind_of(compute)
            found.append((compute, scope))
            found.extend((part, scope) for part in kind.parts(compute))
            references = kind.kpi_references(compute, loaded.spec)
            stack.extend((name, scope) for name, _path in references if self._project.kpi(name))
        return found

    def _kpi(self, kpi_id: str) -> Kpi:
        loaded = self._project.kpi(kpi_id)
        if loaded is None:
            raise MeasureError(f"KPI {kpi_id} がありません", f"there is no KPI {kpi_id}")
        return loaded.spec

    def fetch(self, query: exp.Expr) -> pd.DataFrame:
        """The backend's fetch (database errors as MeasureError), for the funnel and SLA reports."""
        return self._fetch(query)

    def _sla(self, sla_id: str) -> Sla:
        loaded = self._project.sla(sla_id)
        if loaded is None:
            raise MeasureError(
                f"SLA {sla_id} がありません(definitions/sla/ を確認)",
                f"there is no SLA {sla_id} (see definitions/sla/)",
            )
        return loaded.spec

    def _calendar(self, sla_id: str) -> BusinessCalendar:
        return self._sla(sla_id).calendar

    def scores(self, sla_id: str) -> pd.DataFrame:
        """Per-lead scores under the SLA's rules (``scoring.py``), computed once per SLA."""
        if sla_id not in self._scores:
            self._scores[sla_id] = score_leads(self._fetch, self._sla(sla_id), self._as_of)
        return self._scores[sla_id]

    def judged_handoffs(self, sla_id: str) -> pd.DataFrame:
        """Hand-offs judged against the SLA's deadline (``sla_report.py``), computed once per SLA."""
        if sla_id not in self._judged:
            handoffs = self._fetch(handoffs_query(self._as_of))
            self._judged[sla_id] = judge_handoffs(handoffs, self._sla(sla_id), self._as_of)
        return self._judged[sla_id]


def backend_fetch(backend: Backend) -> Callable[[exp.Expr], pd.DataFrame]:
    """``backend.fetch`` with database errors turned into MeasureError (first line only)."""

    def fetch(query: exp.Expr) -> pd.DataFrame:
        assert isinstance(query, exp.Expression)
        try:
            return backend.fetch(query)
        except Exception as exc:  # any driver's error becomes the KPI's error, never a crash
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise MeasureError(f"クエリが失敗しました({first})", f"the query failed ({first})") from None

    return fetch


def _cells_or_raise(result: Cells | MeasureError) -> Cells:
    if isinstance(result, MeasureError):
        raise result
    return result
