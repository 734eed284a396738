"""REF002 unknown-column."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import SOURCES_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean
from .uses import table_reads


class UnknownColumn(Rule):
    """Every column a measure names (``time``, ``distinct``, ``column``, ``cohort``, ``converted``,
    ``start``, ``end``) exists in its table.

    Bad::

        compute: {measure: conversion, table: leads, cohort: mql_date, converted: sql_at, window_days: 90}

    Good::

        compute: {measure: conversion, table: leads, cohort: mql_at, converted: sql_at, window_days: 90}
    """

    code = "REF002"
    name = "unknown-column"
    title_ja = "列が実在する"
    summary_ja = (
        "計測が指定する列(time、distinct、column、cohort、converted、start、end)がそのテーブルにあること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            for read in table_reads(kpi.spec):
                table = project.table(read.table)
                if table is None:
                    continue  # REF001
                names = [c.name for c in table.columns]
                for use in read.columns:
                    if table.column(use.column) is None:
                        hint_ja, hint_en = did_you_mean(use.column, names)
                        yield self.issue(
                            kpi.at(*use.path),
                            f"列「{use.column}」がテーブル「{table.id}」にありません{hint_ja}"
                            f" — {SOURCES_FILE} の {table.id} の列名を書いてください",
                            f"column '{use.column}' is not in table '{table.id}'{hint_en}"
                            f" — use a column of {table.id} in {SOURCES_FILE}",
                        )
