"""The measure stage: KPI definitions compiled to sqlglot queries, run on DuckDB (default) or PostgreSQL.

Importing the package is cheap (``kpi check`` picks an engine profile without pandas or DuckDB); the
heavy modules load when one of these names is first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backend import Backend
    from .duckdb_backend import DuckDbBackend
    from .errors import DataError, MeasureError
    from .measuring import measure_project

_WHERE = {
    "Backend": ".backend",
    "DuckDbBackend": ".duckdb_backend",
    "DataError": ".errors",
    "MeasureError": ".errors",
    "measure_project": ".measuring",
}

__all__ = ["Backend", "DataError", "DuckDbBackend", "MeasureError", "measure_project"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name], __name__), name)
