"""Bounds on definition expressions, checked before and right after parsing.

sqlglot's parser and every later tree walk (SQL generation, the formula renderer, derived arithmetic)
recurse once per level, so a short hostile text such as sixty ``(`` or a hundred ``not`` would end in
``RecursionError``. The nesting is counted on the tokens first, where counting cannot recurse.
"""

from __future__ import annotations

import math

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType
from sqlglot.tokens import Tokenizer

from .bilingual import BilingualError

MAX_NESTING = 16  # brackets plus adjacent prefix operators (not, -, +, ~) at any point
MAX_TREE_DEPTH = 64  # levels of the parsed tree (long and/or/+ chains nest one level per operator)
MAX_LITERAL_MAGNITUDE = 1e15  # no amount, count or rate in a definition comes near a quadrillion

_PREFIX_OPERATORS = {TokenType.NOT, TokenType.DASH, TokenType.PLUS, TokenType.TILDE}
_OPENERS = {TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE, TokenType.CASE}
_CLOSERS = {TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE, TokenType.END}


class ExpressionError(BilingualError, ValueError):
    """An expression that does not parse or uses something outside the whitelist."""


def too_deep() -> ExpressionError:
    """The one refusal for every kind of runaway nesting."""
    return ExpressionError(
        f"式の入れ子が深すぎます(括弧と not/- の重なりは {MAX_NESTING} 段まで)— 式を分けて簡単にしてください",
        f"the expression is nested too deeply (at most {MAX_NESTING} levels of brackets and not/-)"
        " — simplify it",
    )


def check_nesting(text: str) -> None:
    """Refuse deep bracket nesting and long runs of prefix operators, counted on the tokens."""
    depth = 0
    prefix_run = 0
    for token in Tokenizer(dialect="duckdb").tokenize(text):
        kind = token.token_type
        if kind in _OPENERS:
            depth += 1
        elif kind in _CLOSERS:
            depth = max(depth - 1, 0)
        prefix_run = prefix_run + 1 if kind in _PREFIX_OPERATORS else 0
        if depth + prefix_run > MAX_NESTING:
            raise too_deep()


def check_tree_depth(tree: exp.Expression) -> None:
    """Refuse a parsed tree deeper than :data:`MAX_TREE_DEPTH`, measured without recursion."""
    stack: list[tuple[exp.Expression, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise ExpressionError(
                f"式が複雑すぎます(演算の重なりは {MAX_TREE_DEPTH} 段まで)— 式を分けて簡単にしてください",
                f"the expression is too complex (at most {MAX_TREE_DEPTH} nested operations) — simplify it",
            )
        stack.extend((child, depth + 1) for child in node.iter_expressions())


def check_literal_numbers(tree: exp.Expression) -> None:
    """Every number written in the expression is finite and within ±1e15."""
    for literal in tree.find_all(exp.Literal):
        if literal.is_string:
            continue
        try:
            value = float(literal.this)
        except ValueError:
            continue  # not a plain number (sqlglot keeps hex and the like as text); the whitelist decides
        if not math.isfinite(value) or abs(value) > MAX_LITERAL_MAGNITUDE:
            shown = literal.this if len(literal.this) <= 20 else literal.this[:20] + "…"
            raise ExpressionError(
                f"数値 {shown} が大きすぎます(±1e15 まで)— 値を直してください",
                f"the number {shown} is out of range (±1e15 at most) — fix the value",
            )
