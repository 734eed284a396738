"""The measure stage: KPI definitions compiled to sqlglot queries, run on DuckDB (default) or PostgreSQL."""

from __future__ import annotations

from .backend import Backend
from .duckdb_backend import DuckDbBackend
from .errors import DataError, MeasureError
from .measuring import measure_project

__all__ = ["Backend", "DataError", "DuckDbBackend", "MeasureError", "measure_project"]
