"""Evaluate KPIs over scopes: dispatch each computation, resolve KPI references, share the scans.

``prefetch`` first gathers every count and sum the requested KPIs need (through ratios, references
and derived expressions) and runs one fused query per (scope, table, time column); everything else
is one query per KPI and scope. Results are memoised per (KPI, scope), so a KPI referenced by many
others is measured once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
from sqlglot import exp

from ..model.compute import (
    BrowsingAfterTouch,
    Compute,
    ContinuousResponse,
    Conversion,
    Count,
    Derived,
    Duration,
    KpiRef,
    Operand,
    Ratio,
    ScoreAtLeast,
    Sum,
)
from ..model.expressions import Arithmetic, ExpressionError, evaluate, parse_arithmetic
from ..model.kpi import Kpi
from ..model.project import Project
from ..model.sla import BusinessCalendar, Sla
from ..model.sources import Table
from .aggregates import CountOrSum
from .backend import Backend
from .batches import VolumeBatches
from .calendar import CalendarError
from .cohorts import BusinessHours, measure_conversion, measure_duration
from .engagement import measure_engagement
from .errors import MeasureError
from .scope import Cell, Cells, Key, Scope, table_columns
from .scoring import score_at_least_cells, score_leads
from .sla_report import handoffs_query, judge_handoffs, sla_compliance_cells

Request = tuple[str, Scope]
Engagement = ContinuousResponse | BrowsingAfterTouch
Shared = Count | Sum | ContinuousResponse | BrowsingAfterTouch  # measured in batches by prefetch
VOLUME_DEFAULT = Cell(0.0, support=0.0)
RATE_DEFAULT = Cell(None, 0.0, 0.0, 0.0)
DURATION_DEFAULT = Cell(None, None, 0.0, 0.0)


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
        self._shared: dict[tuple[Scope, Shared], Cells | MeasureError] = {}
        self._memo: dict[Request, Cells | MeasureError] = {}
        self._in_progress: set[Request] = set()
        self._volumes = VolumeBatches(tables, self._fetch, backend)
        self._hours = BusinessHours(self._calendar, as_of)
        self._scores: dict[str, pd.DataFrame] = {}
        self._judged: dict[str, pd.DataFrame] = {}

    # --- public ------------------------------------------------------------------------------------

    def prefetch(self, requests: Iterable[Request]) -> None:
        """Batch what can be shared: one fused query per (scope, table, time) for every count/sum the
        requests reach, one query for the engagement definitions and all their scopes."""
        reached = self._reached(requests)
        volumes = [(spec, scope) for spec, scope in reached if isinstance(spec, Count | Sum)]
        pending = [(spec, scope) for spec, scope in volumes if (scope, spec) not in self._shared]
        for key, result in self._volumes.measure(pending).items():
            self._shared[key] = result
        engagement: dict[Engagement, list[Scope]] = defaultdict(list)
        for spec, scope in reached:
            if isinstance(spec, ContinuousResponse | BrowsingAfterTouch) and scope not in engagement[spec]:
                engagement[spec].append(scope)
        for spec, results in measure_engagement(self._fetch, engagement).items():
            for index, scope in enumerate(engagement[spec]):
                self._shared[(scope, spec)] = results if isinstance(results, MeasureError) else results[index]

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
        compute = self._kpi(kpi_id).compute
        if isinstance(compute, Count | Sum | ScoreAtLeast):
            return VOLUME_DEFAULT
        if isinstance(compute, Duration):
            return DURATION_DEFAULT
        if isinstance(compute, Derived):
            return self._derived_cell(self._kpi(kpi_id), _arithmetic(compute.expression), key, scope, {})
        return RATE_DEFAULT

    # --- dispatch ----------------------------------------------------------------------------------

    def _measure(self, kpi: Kpi, scope: Scope) -> Cells:
        compute = kpi.compute
        if isinstance(compute, Count | Sum):
            return self._volume(compute, scope)
        if isinstance(compute, Ratio):
            return self._ratio(compute, scope)
        if isinstance(compute, Derived):
            return self._derived(kpi, compute, scope)
        if isinstance(compute, Conversion):
            return measure_conversion(self._fetch, compute, table_columns(self._tables, compute.table), scope)
        if isinstance(compute, Duration):
            table = table_columns(self._tables, compute.table)
            return measure_duration(self._fetch, compute, table, scope, self._hours)
        if isinstance(compute, ContinuousResponse | BrowsingAfterTouch):
            if (scope, compute) not in self._shared:  # not batched by prefetch: this scope alone
                alone = measure_engagement(self._fetch, {compute: [scope]})[compute]
                self._shared[(scope, compute)] = alone if isinstance(alone, MeasureError) else alone[0]
            return _cells_or_raise(self._shared[(scope, compute)])
        if isinstance(compute, ScoreAtLeast):
            return score_at_least_cells(self.scores(compute.sla), scope)
        return sla_compliance_cells(self.judged_handoffs(compute.sla), scope)

    def _volume(self, spec: CountOrSum, scope: Scope) -> Cells:
        if (scope, spec) not in self._shared:  # not gathered by prefetch: measure it alone
            for key, result in self._volumes.measure([(spec, scope)]).items():
                self._shared[key] = result
        return _cells_or_raise(self._shared[(scope, spec)])

    def _operand(self, operand: Operand, scope: Scope) -> tuple[Cells, Callable[[Key], Cell]]:
        if isinstance(operand, KpiRef):
            return self.cells(operand.kpi, scope), lambda key: self.default(operand.kpi, key, scope)
        return self._volume(operand, scope), lambda key: VOLUME_DEFAULT

    def _ratio(self, spec: Ratio, scope: Scope) -> Cells:
        tops, top_default = self._operand(spec.numerator, scope)
        bottoms, bottom_default = self._operand(spec.denominator, scope)
        cells: Cells = {}
        for key in sorted(set(tops) | set(bottoms), key=_key_order):
            top, bottom = tops.get(key) or top_default(key), bottoms.get(key) or bottom_default(key)
            value = None
            if top.value is not None and bottom.value:
                value = top.value / bottom.value * spec.scale
            cells[key] = Cell(value, top.value, bottom.value, bottom.support)
        return cells

    def _derived(self, kpi: Kpi, spec: Derived, scope: Scope) -> Cells:
        arithmetic = _arithmetic(spec.expression)
        inputs = {name: self.cells(name, scope) for name in self._references(kpi, arithmetic)}
        keys = set().union(*(set(cells) for cells in inputs.values())) if inputs else set()
        return {
            key: self._derived_cell(kpi, arithmetic, key, scope, inputs)
            for key in sorted(keys, key=_key_order)
        }

    def _derived_cell(
        self, kpi: Kpi, arithmetic: Arithmetic, key: Key, scope: Scope, inputs: Mapping[str, Cells]
    ) -> Cell:
        values: dict[str, float | None] = dict(kpi.params)
        supports: list[float] = []
        for name in self._references(kpi, arithmetic):
            cell = inputs.get(name, {}).get(key) or self.default(name, key, scope)
            values[name] = cell.value
            if cell.support is not None:
                supports.append(cell.support)
        return Cell(evaluate(arithmetic, values), support=min(supports) if supports else None)

    def _references(self, kpi: Kpi, arithmetic: Arithmetic) -> list[str]:
        """KPI ids the expression uses (the other names must be the KPI's params)."""
        names = []
        for name in sorted(arithmetic.names):
            if name in kpi.params:
                continue
            if self._project.kpi(name) is None:
                raise MeasureError(
                    f"式の {name} は KPI の id でも params でもありません",
                    f"{name} is neither a KPI id nor a param",
                )
            names.append(name)
        return names

    # --- lookups -----------------------------------------------------------------------------------

    def _reached(self, requests: Iterable[Request]) -> list[tuple[Compute | CountOrSum, Scope]]:
        """Every computation reachable from ``requests`` (through ratios, references, derived KPIs)."""
        found: list[tuple[Compute | CountOrSum, Scope]] = []
        seen: set[Request] = set()
        stack = list(requests)
        while stack:
            kpi_id, scope = stack.pop()
            loaded = self._project.kpi(kpi_id)
            if (kpi_id, scope) in seen or loaded is None:
                continue
            seen.add((kpi_id, scope))
            compute = loaded.spec.compute
            found.append((compute, scope))
            if isinstance(compute, Ratio):
                for operand in (compute.numerator, compute.denominator):
                    if isinstance(operand, KpiRef):
                        stack.append((operand.kpi, scope))
                    else:
                        found.append((operand, scope))
            elif isinstance(compute, Derived):
                try:
                    names = _arithmetic(compute.expression).names
                except MeasureError:
                    names = frozenset()
                stack.extend((name, scope) for name in sorted(names) if self._project.kpi(name))
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


@functools.lru_cache(maxsize=256)
def _arithmetic(text: str) -> Arithmetic:
    try:
        return parse_arithmetic(text)
    except ExpressionError as error:
        raise MeasureError(error.message_ja, error.message_en) from None


def _key_order(key: Key) -> tuple[dt.date, str]:
    return key[0], key[1] or ""
