"""FLT002 filter-unknown-column."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, table_column
from .uses import filter_sites, parsed_filter


class FilterUnknownColumn(Rule):
    """Every name in a filter is a column of the table(s) the filter reads. A word meant as text must be
    in single quotes (``"webinar"`` and bare ``webinar`` are column names).

    Bad::

        filter: channel = "webinar"

    Good::

        filter: channel = 'webinar'
    """

    code = "FLT002"
    name = "filter-unknown-column"
    title_ja = "条件式の列名が実在する"
    summary_ja = (
        "絞り込み条件に書いた名前は、読むテーブルの列であること。文字列として書くなら一重引用符で囲みます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for site in filter_sites(project):
            tables = [project.table(t) for t in site.tables]
            parsed = parsed_filter(site.text)
            if parsed is None or any(t is None for t in tables):
                continue
            names = [c.name for t in tables if t is not None for c in t.columns]
            values = {v for t in tables if t is not None for c in t.columns for v in c.allowed}
            where = "・".join(site.tables)
            for name in sorted(parsed.columns):
                if table_column(project, site.tables, name) is not None:
                    continue
                if name in values:
                    hint_ja = f"(文字列なら '{name}' のようにシングルクォートで囲んでください)"
                    hint_en = f" (for text, quote it: '{name}')"
                else:
                    hint_ja, hint_en = did_you_mean(name, names)
                yield self.issue(
                    site.owner.at(*site.path),
                    f"フィルタの列「{name}」がテーブル {where} にありません{hint_ja} — 列名を直してください",
                    f"filter column '{name}' is not in table {where}{hint_en} — fix the column name",
                )
