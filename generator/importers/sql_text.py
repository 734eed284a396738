"""Quoting for the import's SQL: every export column name and mapping value enters the query as a quoted
identifier or a string literal (sqlglot does the quoting), so nothing in a file or mapping is executed."""

from __future__ import annotations

from sqlglot import exp


def ident(name: str) -> str:
    """A quoted identifier, whatever characters the export's header uses."""
    return str(exp.to_identifier(name, quoted=True).sql("duckdb"))


def lit(text: str) -> str:
    """A string literal."""
    return str(exp.Literal.string(text).sql("duckdb"))


def text_list(values: list[str]) -> str:
    return "(" + ", ".join(lit(value) for value in values) + ")"


def normalised(sql: str) -> str:
    """How mapping keys and export values are compared: case and surrounding spaces ignored."""
    return f"lower(trim({sql}))"
