"""Counts and sums measured in batches, so the big tables are scanned as few times as possible.

- count cubes (``cube.py``): one pass answers every bounded count of every scope;
- filtered subsets: when several scopes need distinct counts or sums that all filter (webinar
  activities, won deals), the matching rows are kept once as a temporary table and each scope reads it;
- fused queries (``aggregates.py``): whatever is left is one query per (scope, table, time column).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
from sqlglot import exp

from ..model.compute import Count
from ..model.sources import Table
from .aggregates import CountOrSum, check_spec, fused_cells, measure_fused, subset_query
from .backend import Backend
from .cube import CubePlan, cube_fused_query, cube_query, plan_cubes
from .errors import MeasureError
from .lead_keys import LEADS
from .scope import Cells, Scope, table_columns

Group = tuple[Scope, str, str, str | None]  # scope, table, time column, cube name (None: the table)


class VolumeBatches:
    """Plans and runs the shared work for counts and sums; keeps the cubes it built."""

    def __init__(
        self, tables: Mapping[str, Table], fetch: Callable[[exp.Expr], pd.DataFrame], backend: Backend
    ) -> None:
        self._tables = tables
        self._fetch = fetch
        self._backend = backend
        self._cubes: list[CubePlan] = []
        self._cubes_built = False

    def measure(
        self, volumes: Sequence[tuple[CountOrSum, Scope]]
    ) -> dict[tuple[Scope, CountOrSum], Cells | MeasureError]:
        """Cells (or the error) of every (count or sum, scope)."""
        results: dict[tuple[Scope, CountOrSum], Cells | MeasureError] = {}
        valid: list[tuple[CountOrSum, Scope]] = []
        for spec, scope in volumes:
            try:
                check_spec(table_columns(self._tables, spec.table), spec.time, spec)
            except MeasureError as error:
                results[(scope, spec)] = error
                continue
            valid.append((spec, scope))
        self._build_cubes(valid)
        groups: dict[Group, list[CountOrSum]] = defaultdict(list)
        for spec, scope in valid:
            table = self._tables[spec.table]
            cube = next((plan.name for plan in self._cubes if plan.serves(spec, scope, table)), None)
            group = groups[(scope, spec.table, spec.time, cube)]
            if spec not in group:
                group.append(spec)
        subsets = self._build_subsets(groups)
        for (scope, table_id, time, cube), specs in groups.items():
            table = subsets.get((table_id, time), self._tables[table_id])
            try:
                if cube is None:
                    cells = measure_fused(self._fetch, table, time, specs, scope)
                else:
                    plan = next(plan for plan in self._cubes if plan.name == cube)
                    counts = [spec for spec in specs if isinstance(spec, Count)]
                    cells = fused_cells(
                        self._fetch(cube_fused_query(plan, table, counts, scope)), counts, scope
                    )
            except MeasureError as error:
                results.update({(scope, spec): error for spec in specs})
                continue
            results.update({(scope, spec): found for spec, found in zip(specs, cells, strict=True)})
        return results

    def _build_subsets(self, groups: Mapping[Group, list[CountOrSum]]) -> dict[tuple[str, str], Table]:
        """Filtered copies of big tables that several scopes' distinct counts or sums read."""
        wanted: dict[tuple[str, str], list[tuple[Scope, CountOrSum]]] = defaultdict(list)
        for (scope, table_id, time, cube), specs in groups.items():
            if cube is None and table_id != LEADS:
                wanted[(table_id, time)].extend((scope, spec) for spec in specs)
        subsets: dict[tuple[str, str], Table] = {}
        for (table_id, time), members in sorted(wanted.items()):
            scopes = {scope for scope, _ in members}
            specs = list(dict.fromkeys(spec for _, spec in members))
            query = subset_query(
                self._tables[table_id],
                time,
                specs,
                min(scope.start for scope in scopes),
                max(scope.end for scope in scopes),
            )
            if query is None or len(scopes) < 2:
                continue
            name = f"subset_{table_id}_{time}"
            try:
                self._materialize(name, query)
            except MeasureError:
                continue
            subsets[(table_id, time)] = self._tables[table_id].model_copy(update={"id": name})
        return subsets

    def _build_cubes(self, volumes: list[tuple[CountOrSum, Scope]]) -> None:
        """Materialise the count cubes once (later prefetches reuse them or read the tables)."""
        if self._cubes_built:
            return
        self._cubes_built = True
        for plan in plan_cubes(volumes, self._tables):
            try:
                self._materialize(plan.name, cube_query(plan, self._tables[plan.table]))
            except MeasureError:
                continue  # the counts then read the table itself
            self._cubes.append(plan)

    def _materialize(self, name: str, query: exp.Select) -> None:
        try:
            self._backend.materialize(name, query)
        except Exception as exc:  # any driver's error: the counts then read the table itself
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise MeasureError(
                f"中間テーブルを作れません({first})", f"cannot build {name} ({first})"
            ) from None
