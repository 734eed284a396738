"""FLT003 filter-unknown-value."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import SOURCES_FILE
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, listing, table_column
from .uses import compared_strings, filter_sites, parsed_filter


class FilterUnknownValue(Rule):
    """Text compared with a column that lists its ``allowed`` values is one of them, so a typo does not
    silently count nothing.

    Bad::

        filter: channel = 'webiner'

    Good::

        filter: channel = 'webinar'
    """

    code = "FLT003"
    name = "filter-unknown-value"
    title_ja = "条件式の値が許可リストにある"
    summary_ja = (
        "許可する値(allowed)を列挙した列と比べる文字列は、その中のどれかであること。打ち間違いで何"
        "も数えない事態を防ぎます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for site in filter_sites(project):
            parsed = parsed_filter(site.text)
            if parsed is None:
                continue
            for name, value in compared_strings(parsed.tree):
                column = table_column(project, site.tables, name)
                if column is None or not column.allowed or value in column.allowed:
                    continue
                hint_ja, hint_en = did_you_mean(value, column.allowed)
                allowed = listing(column.allowed, limit=20)
                yield self.issue(
                    site.owner.at(*site.path),
                    f"値 '{value}' は列「{name}」で使える値ではありません{hint_ja}"
                    f" — {allowed} のどれかを書いてください(値を増やすなら {SOURCES_FILE} の allowed に追加)",
                    f"'{value}' is not an allowed value of column '{name}'{hint_en}"
                    f" — use one of {allowed} (or add it to allowed in {SOURCES_FILE})",
                )
