"""No personal column ever reaches a query result: every query is checked before it runs.

The backends do not even load personal columns (``datafiles.measured_columns``); this guard is the
second line — a query that mentions one (anywhere: select list, group by, filter, join) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from sqlglot import exp

from ..model.sources import Column, Table
from .backend import Backend


class PrivacyViolation(RuntimeError):
    """A query that would read a personal column: a bug in the engine, never shown as data."""


def personal_columns(tables: Iterable[Table]) -> dict[str, frozenset[str]]:
    """Personal column names per table (``personal: true`` in definitions/sources.yml)."""
    return {table.id: frozenset(c.name for c in table.columns if c.personal) for table in tables}


def assert_no_personal(query: exp.Expr, personal: Mapping[str, frozenset[str]]) -> None:
    """Refuse a query that mentions a personal column of any table it reads."""
    tables = {table.name for table in query.find_all(exp.Table)}
    forbidden: frozenset[str] = frozenset().union(*(personal.get(t, frozenset()) for t in tables))
    for column in query.find_all(exp.Column):
        if column.name in forbidden:
            raise PrivacyViolation(f"query reads personal column {column.name!r}")


class GuardedBackend:
    """A backend whose every query is checked by :func:`assert_no_personal` first."""

    def __init__(self, backend: Backend, personal: Mapping[str, frozenset[str]]) -> None:
        self._backend = backend
        self._personal = personal
        self.dialect = self._backend.dialect
        self.queries: list[exp.Expression] = []  # what ran, for tests and the benchmark

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        self._backend.register_tables(files, columns, hashed_lead_keys=hashed_lead_keys)

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        assert_no_personal(query, self._personal)
        self.queries.append(query)
        return self._backend.fetch(query)

    def materialize(self, name: str, query: exp.Expression) -> None:
        assert_no_personal(query, self._personal)
        self.queries.append(query)
        self._backend.materialize(name, query)

    def close(self) -> None:
        self._backend.close()
