"""SRC001 table-check-column."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Loaded, Project
from ..model.sources import ReferencesCheck, Sources
from .base import Rule
from .lookup import did_you_mean


class TableCheckColumn(Rule):
    """A table check names columns of its table; a ``references`` check names an existing table and a
    column of it.

    Bad::

        - id: handoffs
          checks: [{check: ordered, before: handoff_at, after: first_contact_at}]

    Good::

          checks: [{check: ordered, before: handed_off_at, after: first_contact_at}]
    """

    code = "SRC001"
    name = "table-check-column"
    title_ja = "テーブルチェックの列が実在する"
    summary_ja = (
        "テーブルのチェックがそのテーブルの列を指し、references チェックは実在するテーブルとその列"
        "を指していること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        sources = project.sources
        if sources is None:
            return
        for t, table in enumerate(sources.spec.tables):
            names = [c.name for c in table.columns]
            for c, check in enumerate(table.checks):
                fields = check.model_dump(exclude={"check"})
                for key in ("column", "before", "after"):
                    value = fields.get(key)
                    if value is not None and table.column(str(value)) is None:
                        hint_ja, hint_en = did_you_mean(str(value), names)
                        yield self.issue(
                            sources.at("tables", t, "checks", c, key),
                            f"チェック {check.check} の列「{value}」が"
                            f"テーブル「{table.id}」にありません{hint_ja}"
                            " — 列名を直してください",
                            f"column '{value}' of check {check.check} is not in table '{table.id}'{hint_en}"
                            " — fix the column name",
                        )
                if isinstance(check, ReferencesCheck):
                    yield from self._reference(project, sources, t, c, check)

    def _reference(
        self, project: Project, sources: Loaded[Sources], t: int, c: int, check: ReferencesCheck
    ) -> Iterable[Issue]:
        target = project.table(check.table)
        if target is None:
            yield self.issue(
                sources.at("tables", t, "checks", c, "table"),
                f"参照先のテーブル「{check.table}」がありません — 既存のテーブルの id を書いてください",
                f"referenced table '{check.table}' does not exist — name an existing table",
            )
        elif target.column(check.to) is None:
            yield self.issue(
                sources.at("tables", t, "checks", c, "to"),
                f"参照先の列「{check.to}」がテーブル「{target.id}」にありません — 列名を直してください",
                f"referenced column '{check.to}' is not in table '{target.id}' — fix the column name",
            )
