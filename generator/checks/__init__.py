"""Data-quality checks with Great Expectations 1.x: table checks from sources.yml, KPI series checks.

``run_data_checks`` plans each declared check as one expectation on a small frame (DuckDB summaries
of the tables, the KPIs' measured series), validates them in GX and returns a ``CheckReport`` whose
messages name table, column, rule and a count — never a lead's fields. GX is imported only then.

The names below load on first use, so a light module of this package (``affected``, read by the
site's pages) does not pull DuckDB and pandas into a build that reuses its cached results.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .gx_validation import preload
    from .report_json import load_report, report_to_dict, save_report
    from .runner import check_project_data
    from .suite import finish, plan_kpis, planned, run_data_checks

_HOMES = {
    "check_project_data": "runner",
    "finish": "suite",
    "load_report": "report_json",
    "plan_kpis": "suite",
    "planned": "suite",
    "preload": "gx_validation",
    "report_to_dict": "report_json",
    "run_data_checks": "suite",
    "save_report": "report_json",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "check_project_data",
    "finish",
    "load_report",
    "plan_kpis",
    "planned",
    "preload",
    "report_to_dict",
    "run_data_checks",
    "save_report",
]
