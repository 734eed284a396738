"""REF001 unknown-table."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import SOURCES_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, listing
from .uses import table_reads


class UnknownTable(Rule):
    """A measure's ``table`` is one of the canonical tables in ``definitions/sources.yml``.

    Bad::

        compute: {measure: count, table: lead, time: created_at}

    Good::

        compute: {measure: count, table: leads, time: created_at}
    """

    code = "REF001"
    name = "unknown-table"
    title_ja = "テーブルが実在する"
    summary_ja = "計測の table が definitions/sources.yml の正規テーブルの一つであること。"

    def check(self, project: Project) -> Iterable[Issue]:
        if project.sources is None:
            return
        known = {table.id for table in project.sources.spec.tables}
        for kpi in project.kpis:
            for read in table_reads(kpi.spec):
                if read.table not in known:
                    hint_ja, hint_en = did_you_mean(read.table, known)
                    yield self.issue(
                        kpi.at(*read.path, "table"),
                        f"テーブル「{read.table}」が {SOURCES_FILE} にありません{hint_ja}"
                        f" — {listing(known)} のどれかを書いてください",
                        f"table '{read.table}' is not in {SOURCES_FILE}{hint_en}"
                        f" — use one of {listing(known)}",
                    )
