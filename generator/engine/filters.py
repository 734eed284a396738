"""Row filters and column references from definitions, checked against the table before any query."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from sqlglot import exp

from ..model.expressions import ExpressionError, parse_filter
from ..model.sources import Table
from .errors import MeasureError


def row_filter(text: str | None, table: Table) -> tuple[exp.Expr | None, frozenset[str]]:
    """The parsed, whitelisted filter with quoted column names, and the columns it reads."""
    if text is None:
        return None, frozenset()
    tree, columns = _parsed(text)
    check_columns(table, columns)
    return tree.copy(), columns


def filter_columns(text: str | None, table: Table) -> frozenset[str]:
    """The columns a filter reads (checked like :func:`row_filter`, without copying its tree)."""
    if text is None:
        return frozenset()
    _, columns = _parsed(text)
    check_columns(table, columns)
    return columns


@functools.lru_cache(maxsize=512)
def _parsed(text: str) -> tuple[exp.Expr, frozenset[str]]:
    """Parse once per distinct filter text (the same filter serves many scopes); callers copy the tree."""
    try:
        parsed = parse_filter(text)
    except ExpressionError as error:
        raise MeasureError(
            f"filter「{text}」: {error.message_ja}", f"filter '{text}': {error.message_en}"
        ) from None
    tree = parsed.tree.copy()
    for column in tree.find_all(exp.Column):
        column.set("this", exp.to_identifier(column.name, quoted=True))
    return tree, parsed.columns


def check_columns(table: Table, names: Iterable[str]) -> None:
    """Every name must be a declared, non-personal column of ``table``."""
    for name in sorted(set(names)):
        column = table.column(name)
        if column is None:
            raise MeasureError(
                f"テーブル {table.id} に列 {name} はありません(definitions/sources.yml を確認してください)",
                f"table {table.id} has no column {name} (see definitions/sources.yml)",
            )
        if column.personal:
            raise MeasureError(
                f"{table.id}.{name} は個人情報の列なので KPI の計算に使えません",
                f"{table.id}.{name} is a personal column and cannot be used to compute a KPI",
            )
