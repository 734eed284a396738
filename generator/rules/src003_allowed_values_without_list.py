"""SRC003 allowed-values-without-list."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from ..model.sources import AllowedValuesCheck
from .base import Rule


class AllowedValuesWithoutList(Rule):
    """An ``allowed_values`` check is on a column that lists its ``allowed`` values; otherwise it checks
    nothing (warning).

    Bad::

        - {name: channel, type: string, description: 獲得チャネル}
        checks: [{check: allowed_values, column: channel}]

    Good::

        - {name: channel, type: string, description: 獲得チャネル, allowed: [webinar, ads, event]}
    """

    code = "SRC003"
    name = "allowed-values-without-list"
    title_ja = "許可値チェックに値の一覧がある"
    summary_ja = (
        "allowed_values チェックは、許可する値(allowed)を列挙した列に付けること。そうでなければ何も"
        "確かめません(警告)。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        sources = project.sources
        if sources is None:
            return
        for t, table in enumerate(sources.spec.tables):
            for c, check in enumerate(table.checks):
                if not isinstance(check, AllowedValuesCheck):
                    continue
                column = table.column(check.column)
                if column is not None and not column.allowed:
                    yield self.warning(
                        sources.at("tables", t, "checks", c, "column"),
                        f"列「{check.column}」に allowed がないので、このチェックは何も確かめません"
                        " — 列に allowed: [...] を書くか、チェックを消してください",
                        f"column '{check.column}' lists no allowed values, so this check tests nothing"
                        " — add allowed: [...] to the column or remove the check",
                    )
