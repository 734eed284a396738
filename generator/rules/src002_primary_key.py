"""SRC002 primary-key."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class PrimaryKey(Rule):
    """A table's ``primary_key`` is one of its columns and is not nullable.

    Bad::

        - id: leads
          primary_key: id

    Good::

        - id: leads
          primary_key: lead_id
          columns:
            - {name: lead_id, type: string, description: リードID, nullable: false}
    """

    code = "SRC002"
    name = "primary-key"
    title_ja = "主キーが正しい"
    summary_ja = "テーブルの primary_key がその列の一つで、空を許さない列であること。"

    def check(self, project: Project) -> Iterable[Issue]:
        sources = project.sources
        if sources is None:
            return
        for t, table in enumerate(sources.spec.tables):
            column = table.column(table.primary_key)
            where = sources.at("tables", t, "primary_key")
            if column is None:
                yield self.issue(
                    where,
                    f"主キー「{table.primary_key}」がテーブル「{table.id}」の列にありません"
                    " — 列名を直すか、columns に追加してください",
                    f"primary key '{table.primary_key}' is not a column of table '{table.id}'"
                    " — fix the name or add the column",
                )
            elif column.nullable:
                yield self.issue(
                    where,
                    f"主キー「{table.primary_key}」が空を許しています"
                    " — その列に nullable: false を書いてください",
                    f"primary key '{table.primary_key}' is nullable — set nullable: false on that column",
                )
