"""Restricted expressions in definitions: row filters and derived-KPI arithmetic.

Both are parsed by sqlglot (a maintained SQL parser) and then checked against a whitelist of node
kinds, so a definition can only compare columns with literals or do arithmetic over KPI ids — no
function calls, subqueries or anything that could run. They are never evaluated with ``eval``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from ..excerpt import excerpt
from .expression_limits import (
    ExpressionError,
    check_literal_numbers,
    check_nesting,
    check_tree_depth,
    too_deep,
)

MAX_EXPRESSION_CHARS = 500

_FILTER_NODES: tuple[type[exp.Expression], ...] = (
    exp.And,
    exp.Or,
    exp.Not,
    exp.Paren,
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.In,
    exp.Is,
    exp.Between,
    exp.Null,
    exp.Boolean,
    exp.Literal,
    exp.Neg,
    exp.Column,
    exp.Identifier,
)
_ARITHMETIC_NODES: tuple[type[exp.Expression], ...] = (
    exp.Add,
    exp.Sub,
    exp.Mul,
    exp.Div,
    exp.Paren,
    exp.Neg,
    exp.Literal,
    exp.Column,
    exp.Identifier,
)


@dataclass(frozen=True)
class RowFilter:
    """A parsed, whitelisted row filter and the columns it reads."""

    text: str
    tree: exp.Expression
    columns: frozenset[str]


@dataclass(frozen=True)
class Arithmetic:
    """A parsed, whitelisted arithmetic expression and the names (KPI ids or params) it uses."""

    text: str
    tree: exp.Expression
    names: frozenset[str]


def parse_filter(text: str) -> RowFilter:
    """Parse a row filter such as ``channel = 'webinar' and not is_machine_open``."""
    tree = _parse(text)
    _check_nodes(tree, _FILTER_NODES, "比較(= <> < <= > >= in between is null)と and/or/not だけ")
    check_literal_numbers(tree)
    for literal in tree.find_all(exp.Literal):
        if literal.is_string and len(literal.this) > 200:
            raise ExpressionError(
                "文字列が長すぎます(200文字まで)", "string literal too long (200 chars max)"
            )
    return RowFilter(text, tree, _column_names(tree))


def parse_arithmetic(text: str) -> Arithmetic:
    """Parse a derived-KPI expression such as ``(gross_profit - spend) / spend * 100``."""
    tree = _parse(text)
    _check_nodes(tree, _ARITHMETIC_NODES, "数値、KPIのid、+ - * / と括弧だけ")
    for literal in tree.find_all(exp.Literal):
        if literal.is_string:
            raise ExpressionError(
                f"文字列 '{excerpt(literal.this)}' は計算式に使えません",
                f"string '{excerpt(literal.this)}' cannot be used in arithmetic",
            )
    check_literal_numbers(tree)
    _refuse_division_by_zero(tree)
    return Arithmetic(text, tree, _column_names(tree))


def _refuse_division_by_zero(tree: exp.Expression) -> None:
    """A denominator made of numbers alone that comes to 0 (``x / 0``, ``x / (1 - 1)``) is a mistake."""
    for division in tree.find_all(exp.Div):
        denominator = division.args["expression"]
        if any(True for _ in denominator.find_all(exp.Column)):
            continue  # depends on data: a zero at run time yields no value, not an error
        if _evaluate(denominator, {}) == 0:
            shown = excerpt(denominator.sql())
            raise ExpressionError(
                f"0 で割っています(分母「{shown}」は常に 0)— 分母を直してください",
                f"division by zero (the denominator '{shown}' is always 0) — fix the denominator",
            )


def evaluate(arithmetic: Arithmetic, values: Mapping[str, float | None]) -> float | None:
    """Evaluate over known values; ``None`` (missing or division by zero) propagates."""
    return _evaluate(arithmetic.tree, values)


def _evaluate(node: exp.Expr, values: Mapping[str, float | None]) -> float | None:
    if isinstance(node, exp.Paren):
        return _evaluate(node.this, values)
    if isinstance(node, exp.Neg):
        inner = _evaluate(node.this, values)
        return None if inner is None else -inner
    if isinstance(node, exp.Literal):
        return float(node.this)
    if isinstance(node, exp.Column):
        return values.get(node.name)
    operate = _OPERATORS.get(type(node))
    if operate is None:
        return None
    left = _evaluate(node.args["this"], values)
    right = _evaluate(node.args["expression"], values)
    if left is None or right is None:
        return None
    if operate is operator.truediv and right == 0:
        return None
    result = operate(left, right)
    return result if math.isfinite(result) else None


_OPERATORS: dict[type[exp.Expr], Callable[[float, float], float]] = {
    exp.Add: operator.add,
    exp.Sub: operator.sub,
    exp.Mul: operator.mul,
    exp.Div: operator.truediv,
}


def _parse(text: str) -> exp.Expression:
    if not text or not text.strip():
        raise ExpressionError("式が空です", "the expression is empty")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(
            f"式が長すぎます({MAX_EXPRESSION_CHARS}文字まで)",
            f"expression too long ({MAX_EXPRESSION_CHARS} chars max)",
        )
    if ";" in text:
        raise ExpressionError("「;」は使えません", "';' is not allowed")
    try:
        # sqlglot's parser recurses about 17 frames per bracket: bound the nesting before it runs.
        check_nesting(text)
        tree = sqlglot.parse_one(text, dialect="duckdb")
    except (ParseError, sqlglot.errors.TokenError) as exc:
        first = excerpt(str(exc).splitlines()[0]) if str(exc) else "parse error"
        raise ExpressionError(
            f"式を解釈できません({first})", f"cannot parse the expression ({first})"
        ) from None
    except RecursionError:  # a construct the token count above does not see: still a refusal, not a crash
        raise too_deep() from None
    if not isinstance(tree, exp.Expression):
        raise ExpressionError("式が空です", "the expression is empty")
    check_tree_depth(tree)
    return tree


def _check_nodes(tree: exp.Expression, allowed: tuple[type[exp.Expression], ...], allowed_ja: str) -> None:
    for node in tree.walk():
        if not isinstance(node, allowed):
            kind = type(node).__name__
            raise ExpressionError(
                f"式に使えない要素があります({kind})— 使えるのは{allowed_ja}です",
                f"'{kind}' is not allowed in this expression — only the whitelisted operators are",
            )
        if isinstance(node, exp.Column) and (node.table or not isinstance(node.this, exp.Identifier)):
            raise ExpressionError(
                f"列名「{excerpt(node.sql())}」はテーブル名を付けずに書いてください",
                f"write column '{excerpt(node.sql())}' without a table prefix",
            )


def _column_names(tree: exp.Expression) -> frozenset[str]:
    return frozenset(column.name for column in tree.find_all(exp.Column))


__all__ = ["Arithmetic", "ExpressionError", "RowFilter", "evaluate", "parse_arithmetic", "parse_filter"]
