"""REF003 column-type."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .uses import table_reads

_TIME_TYPES = {"timestamp", "date"}
_NUMBER_TYPES = {"integer", "float"}


class ColumnType(Rule):
    """Columns have the type their role needs: a timestamp (or date) for ``time``, ``cohort``,
    ``converted``, ``start`` and ``end``; a number for the ``column`` of a sum.

    Bad::

        compute: {measure: sum, table: deals, column: stage, time: closed_at}

    Good::

        compute: {measure: sum, table: deals, column: amount_yen, time: closed_at}
    """

    code = "REF003"
    name = "column-type"
    title_ja = "列の型が役割に合う"
    summary_ja = (
        "列の型が役割に合うこと。time・cohort・converted・start・end は日時(または日付)、合計する c"
        "olumn は数値です。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            for read in table_reads(kpi.spec):
                table = project.table(read.table)
                if table is None:
                    continue
                for use in read.columns:
                    column = table.column(use.column)
                    if column is None or use.expects == "any":
                        continue
                    role = use.path[-1]
                    if use.expects == "timestamp" and column.type not in _TIME_TYPES:
                        yield self.issue(
                            kpi.at(*use.path),
                            f"{role} には日時の列が必要ですが、「{use.column}」は {column.type} です"
                            f" — {table.id} の timestamp 型の列(…_at)を書いてください",
                            f"{role} needs a timestamp column but '{use.column}' is {column.type}"
                            f" — use a timestamp column (…_at) of {table.id}",
                        )
                    if use.expects == "numeric" and column.type not in _NUMBER_TYPES:
                        yield self.issue(
                            kpi.at(*use.path),
                            f"合計する列には数値が必要ですが、「{use.column}」は {column.type} です"
                            " — 金額などの数値の列を書いてください(件数なら measure: count)",
                            f"a sum needs a numeric column but '{use.column}' is {column.type}"
                            " — use a numeric column such as an amount (or measure: count for counts)",
                        )
