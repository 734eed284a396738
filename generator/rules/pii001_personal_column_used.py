"""PII001 personal-column-used."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule
from .lookup import table_column
from .uses import filter_sites, parsed_filter, table_reads


class PersonalColumnUsed(Rule):
    """No measure or filter reads a personal column (``personal: true``: name, email, company, phone), so
    personal data never reaches a number, a page or a log.

    Bad::

        compute: {measure: count, table: leads, time: created_at, distinct: email}

    Good::

        compute: {measure: count, table: leads, time: created_at, distinct: lead_id}
    """

    code = "PII001"
    name = "personal-column-used"
    title_ja = "個人情報の列を計測に使わない"
    summary_ja = (
        "計測や絞り込み条件が個人情報の列(personal: true — 氏名・メール・会社名・電話)を読まないこ"
        "と。個人情報は数値・ページ・ログのどこにも出ません。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            for read in table_reads(kpi.spec):
                for use in read.columns:
                    column = table_column(project, (use.table,), use.column)
                    if column is not None and column.personal:
                        yield self._personal(kpi.at(*use.path), use.column)
        for site in filter_sites(project):
            parsed = parsed_filter(site.text)
            if parsed is None:
                continue
            for name in sorted(parsed.columns):
                column = table_column(project, site.tables, name)
                if column is not None and column.personal:
                    yield self._personal(site.owner.at(*site.path), name)

    def _personal(self, where: Location, name: str) -> Issue:
        return self.issue(
            where,
            f"列「{name}」は個人情報(personal: true)なので KPI の計算やフィルタには使えません"
            " — lead_id などの個人を特定しない列を使ってください",
            f"column '{name}' is personal data (personal: true) and cannot be used in a measure or filter"
            " — use a non-identifying column such as lead_id",
        )
