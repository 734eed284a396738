"""The database behind measuring: DuckDB embedded by default, PostgreSQL (or others via sqlglot) to scale out.

Only modules in ``generator.engine`` build queries, always as sqlglot expressions rendered for the
backend's dialect; the rest of the product sees pandas frames of aggregates.

``register_tables`` receives, besides each table's file, the columns to expose (declared, non-personal,
with their canonical types): a backend never loads a personal column, so no query can select one.
``materialize`` keeps an intermediate result (the activity rollup) as a temporary table, so the big
table is scanned once and every KPI reads the small rollup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import pandas as pd
from sqlglot import exp

from ..model.sources import Column


class Backend(Protocol):
    """A connection that holds the canonical tables and answers sqlglot queries."""

    dialect: str  # sqlglot dialect name: "duckdb", "postgres", …

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        """Make each table (name → Parquet/CSV file) queryable by its name, exposing ``columns`` only,
        plus ``lead_key`` beside a ``lead_id`` (``lead_keys.py``; the id itself unless hashed)."""
        ...

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        """Run ``query`` (rendered for this dialect) and return the result."""
        ...

    def materialize(self, name: str, query: exp.Expression) -> None:
        """Keep ``query``'s result as the temporary table ``name`` (a rollup many queries then read)."""
        ...

    def close(self) -> None: ...
