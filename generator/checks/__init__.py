"""Data-quality checks with Great Expectations 1.x: table checks from sources.yml, KPI series checks.

``run_data_checks`` plans each declared check as one expectation on a small frame (DuckDB summaries
of the tables, the KPIs' measured series), validates them in GX and returns a ``CheckReport`` whose
messages name table, column, rule and a count — never a lead's fields. GX is imported only then.
"""

from __future__ import annotations

from .gx_validation import preload
from .report_json import load_report, report_to_dict, save_report
from .runner import check_project_data
from .suite import finish, plan_kpis, planned, run_data_checks

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
