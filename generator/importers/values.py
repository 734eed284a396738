"""Numbers, booleans and value mappings in SQL: export text to the canonical column's type."""

from __future__ import annotations

from collections.abc import Mapping

from .sql_text import lit, normalised

# Thousands separators, currency signs and spaces around an amount: "¥1,200,000", "1 200,00" is not
# handled (a decimal comma needs a mapping of its own).
_NUMBER_NOISE = r"[\s,¥￥$€£円]"
TRUE_WORDS = ("true", "t", "yes", "y", "1", "はい", "○", "✓", "済")
FALSE_WORDS = ("false", "f", "no", "n", "0", "いいえ", "×", "未")


def number_sql(text: str) -> str:
    return f"try_cast(regexp_replace({text}, {lit(_NUMBER_NOISE)}, '', 'g') AS DOUBLE)"


def integer_sql(text: str) -> str:
    number = number_sql(text)
    return f"CASE WHEN {number} = floor({number}) AND abs({number}) < 9e18 THEN CAST({number} AS BIGINT) END"


def boolean_sql(text: str) -> str:
    words = normalised(text)
    yes = ", ".join(lit(w) for w in TRUE_WORDS)
    no = ", ".join(lit(w) for w in FALSE_WORDS)
    return f"CASE WHEN {words} IN ({yes}) THEN true WHEN {words} IN ({no}) THEN false END"


def mapped_sql(text: str, values: Mapping[str, str]) -> str:
    """``text`` through the mapping (keys compared ignoring case and spaces); NULL where it has no entry."""
    if not values:
        return "CAST(NULL AS VARCHAR)"
    key = normalised(text)
    cases = " ".join(f"WHEN {lit(k.strip().lower())} THEN {lit(v)}" for k, v in values.items())
    return f"CASE {key} {cases} END"


def canonical_text(value: str | bool | int | float) -> str:
    """A mapping's value as the text the typed conversion reads (YAML ``true`` → ``true``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
