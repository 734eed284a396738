"""FLT004 filter-literal-type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sqlglot import exp

from ..loading.catalogue import SOURCES_FILE
from ..model.issue import Issue
from ..model.project import Project
from ..model.sources import Column
from .base import Rule
from .lookup import table_column
from .uses import filter_sites, parsed_filter

_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)

# What a literal compared with each column type must look like, and how to write one (ja, en).
_EXPECTED: dict[str, tuple[str, str]] = {
    "boolean": ("true か false(引用符なし)", "true or false (no quotes)"),
    "timestamp": (
        "'2026-04-01' か '2026-04-01 09:00:00' の形の日時",
        "a date-time like '2026-04-01 09:00:00'",
    ),
    "date": ("'2026-04-01' の形の日付", "a date like '2026-04-01'"),
    "integer": ("整数(引用符なし)", "a whole number (no quotes)"),
    "float": ("数値(引用符なし)", "a number (no quotes)"),
    "string": ("'webinar' のようにシングルクォートで囲んだ文字列", "text in single quotes, like 'webinar'"),
}


class FilterLiteralType(Rule):
    """A value compared with a column in a filter has the column's declared type, so the filter does not
    pass ``kpi check`` and then fail when the KPI is measured (a real date, true/false, a number, text).

    Bad::

        filter: "is_won = 'maybe' and created_at > '2026-13-45'"

    Good::

        filter: "is_won = true and created_at > '2026-01-15'"
    """

    code = "FLT004"
    name = "filter-literal-type"
    title_ja = "条件式の値の型が列と合う"
    summary_ja = (
        "絞り込み条件で列と比べる値は、その列の型(日付・真偽・数値・文字列)であること。kpi check を"
        "通って計測で失敗することを防ぎます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for site in filter_sites(project):
            parsed = parsed_filter(site.text)
            if parsed is None:
                continue
            for name, literal in compared_literals(parsed.tree):
                column = table_column(project, site.tables, name)
                if column is None or column.personal or fits(column, literal):
                    continue
                expected_ja, expected_en = _EXPECTED[column.type]
                written = literal.sql()
                yield self.issue(
                    site.owner.at(*site.path),
                    f"列「{name}」({column.type})と比べる値 {written} が型に合いません"
                    f" — {expected_ja}を書いてください(列の型は {SOURCES_FILE} の定義)",
                    f"{written} does not fit column '{name}' ({column.type})"
                    f" — write {expected_en} (the column's type is declared in {SOURCES_FILE})",
                )


def compared_literals(tree: exp.Expression) -> Iterator[tuple[str, exp.Expression]]:
    """(column, literal) for each comparison, ``in`` list item and ``between`` bound of a filter."""
    for node in tree.walk():
        if isinstance(node, _COMPARISONS):
            left, right = node.args.get("this"), node.args.get("expression")
            for column, other in ((left, right), (right, left)):
                if isinstance(column, exp.Column) and _is_literal(other):
                    yield column.name, _unwrapped(other)
        elif isinstance(node, exp.In | exp.Between):
            column = node.args.get("this")
            if not isinstance(column, exp.Column):
                continue
            values = (
                node.expressions
                if isinstance(node, exp.In)
                else [node.args.get("low"), node.args.get("high")]
            )
            for value in values:
                if _is_literal(value):
                    yield column.name, _unwrapped(value)


def _is_literal(node: object) -> bool:
    return isinstance(node, exp.Literal | exp.Boolean) or (
        isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal)
    )


def _unwrapped(node: object) -> exp.Expression:
    assert isinstance(node, exp.Expression)
    return node


def fits(column: Column, literal: exp.Expression) -> bool:
    """Whether the database would read ``literal`` as a value of the column's declared type."""
    if column.type == "boolean":
        return isinstance(literal, exp.Boolean)
    if isinstance(literal, exp.Boolean):
        return False
    text = literal.this.this if isinstance(literal, exp.Neg) else literal.this
    is_text = isinstance(literal, exp.Literal) and literal.is_string
    if column.type == "string":
        return is_text
    if column.type in ("integer", "float"):
        return not is_text and (column.type == "float" or _whole(str(text)))
    return is_text and _is_time(str(text), column.type)


def _whole(text: str) -> bool:
    try:
        return float(text).is_integer() and "." not in text and "e" not in text.lower()
    except ValueError:
        return False


def _is_time(text: str, kind: str) -> bool:
    """An ISO date (or, for a timestamp, an ISO date-time) that names a real day and time."""
    try:
        if kind == "date":
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
