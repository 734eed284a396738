"""Partial data is normal: a table that was never imported is a warning naming what to import, not a failure.

Only ``leads`` must exist (measuring reads it for every KPI); any other absent table makes its own checks
and the KPIs that read it unanswerable, which ``kpi check --data`` and the build report as warnings. A
table that *is* there but lacks a declared column is still refused: that is a broken export, not a
missing one.
"""

from __future__ import annotations

import dataclasses

from ..engine.lead_keys import LEADS
from ..model.check_result import CheckResult
from .data_files import OpenTable, UnreadableTable
from .plan import Messages, Target


def not_imported(data: OpenTable | UnreadableTable) -> bool:
    """Whether the table has no file at all (and is not ``leads``, which every KPI needs)."""
    return isinstance(data, UnreadableTable) and data.file is None and data.table.id != LEADS


def as_warning(result: CheckResult) -> CheckResult:
    return dataclasses.replace(result, severity="warning")


def table_not_imported(table: str) -> Messages:
    return (
        f"{table}: データがまだ取り込まれていません — {table} を読む KPI は「計測できません」と表示されます。"
        f"計測するには kpi import で {table} を取り込んでください",
        f"{table}: no data imported yet — the KPIs that read {table} show 'cannot be measured';"
        f" bring it in with kpi import to measure them",
    )


def absent_tables_result(target: Target, kpi: str, tables: tuple[str, ...]) -> CheckResult:
    """A KPI whose tables were not imported: a warning saying which to import (its checks cannot run)."""
    names = ", ".join(tables)
    messages = (
        f"{kpi}: 計測できません — {names} が必要です(kpi import で取り込んでください)",
        f"{kpi}: cannot be measured — needs {names} (bring it in with kpi import)",
    )
    return dataclasses.replace(target, severity="warning").result(False, messages)
