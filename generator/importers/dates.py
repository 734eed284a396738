"""Date-times as exports write them, turned into the canonical naive Asia/Tokyo time, in SQL.

Tried in this order, the first that reads wins: ISO 8601 (with or without an offset such as ``Z`` or
``+09:00``; DuckDB also reads ``2026/04/01``), the mapping's own formats, the built-in formats below,
then an Excel serial date (days since 1899-12-30, as a sheet shows a date cell without its format).
A value without an offset is in the mapping's ``timezone`` (Asia/Tokyo unless it says otherwise).
Slashes with the year last are read month first (``4/1/2026``, as US CRM exports write), dashes day
first (``01-04-2026``); a mapping whose export differs lists its format in ``date_formats``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.imports import DEFAULT_TIMEZONE
from .sql_text import lit

CANONICAL_TIMEZONE = DEFAULT_TIMEZONE  # the engine's calendar reads naive timestamps as Japan time

BUILT_IN_FORMATS: tuple[str, ...] = (
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)
# Excel serials from 1927 to 2173: five digits, an optional fraction for the time of day.
_EXCEL_SERIAL = r"\d{5}(\.\d+)?"


def timestamp_sql(text: str, formats: Sequence[str], timezone: str) -> str:
    """SQL for ``text`` (an SQL expression) as a naive Asia/Tokyo timestamp; NULL where nothing reads it.

    The connection's ``TimeZone`` must be ``timezone``, so that ISO text without an offset is read as
    that zone's time.
    """
    iso = f"timezone({lit(CANONICAL_TIMEZONE)}, try_cast({text} AS TIMESTAMPTZ))"
    patterns = "[" + ", ".join(lit(f) for f in (*formats, *BUILT_IN_FORMATS)) + "]"
    by_format = _local(f"try_strptime({text}, {patterns})", timezone)
    serial = _local(
        f"CASE WHEN regexp_full_match({text}, {lit(_EXCEL_SERIAL)}) THEN TIMESTAMP '1899-12-30 00:00:00'"
        f" + to_microseconds(CAST(round(CAST({text} AS DOUBLE) * 86400000000) AS BIGINT)) END",
        timezone,
    )
    return f"coalesce({iso}, {by_format}, {serial})"


def _local(naive: str, timezone: str) -> str:
    """A naive time of ``timezone`` as naive Asia/Tokyo time (no conversion when they are the same)."""
    if timezone == CANONICAL_TIMEZONE:
        return naive
    return f"timezone({lit(CANONICAL_TIMEZONE)}, timezone({lit(timezone)}, {naive}))"
