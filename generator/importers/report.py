"""The import report: rows read, written and rejected (each with its row number and reason), counts per
reason, a few example values of non-personal columns, and the export columns no mapping used.

Printed for people and written as JSON for scripts. It never holds a value of a personal column: a
rejected row is named by its row number, its reason and its column.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

REASONS: dict[str, tuple[str, str]] = {
    "missing_value": ("必須の値が空です", "a required value is empty"),
    "unmapped_value": (
        "値がマッピング(values)にも allowed にもありません",
        "the value is neither in the mapping's values nor allowed",
    ),
    "unreadable_date": ("日付として読めません", "cannot be read as a date"),
    "unreadable_number": ("数値として読めません", "cannot be read as a number"),
    "unreadable_boolean": ("true/false として読めません", "cannot be read as true/false"),
    "unreadable_text": ("文字列として読めません", "cannot be read as text"),
    "duplicate_key": (
        "主キーが重複しています(最初の行を採用)",
        "repeated primary key (the first row is kept)",
    ),
    "wrong_field_count": (
        "列の数が見出しと合いません(区切り文字や引用符の崩れ)",
        "the number of fields differs from the header (a broken delimiter or quote)",
    ),
}
SHOWN_ROWS = 10  # rejected rows printed per table; the JSON has them all


@dataclass(frozen=True)
class Rejection:
    row: int  # as a spreadsheet shows it: the header is row 1
    reason: str
    column: str | None


@dataclass(frozen=True)
class TableReport:
    table: str
    input: str
    file: str  # the Parquet file written, relative to the data folder
    rows_read: int
    rows_written: int
    rejected: tuple[Rejection, ...]
    examples: tuple[tuple[str, str, tuple[str, ...]], ...]  # (reason, column, values)
    not_provided: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        counted = Counter(f"{r.reason}:{r.column}" if r.column else r.reason for r in self.rejected)
        return dict(sorted(counted.items()))


@dataclass(frozen=True)
class InputReport:
    name: str
    file: str
    format: str
    encoding: str | None
    delimiter: str | None
    rows_read: int
    unmapped_columns: tuple[str, ...]


@dataclass(frozen=True)
class ImportReport:
    mapping: str
    inputs: tuple[InputReport, ...]
    tables: tuple[TableReport, ...]

    @property
    def rejected(self) -> int:
        return sum(len(table.rejected) for table in self.tables)

    def to_json(self) -> dict[str, Any]:
        return {
            "mapping": self.mapping,
            "inputs": [
                {
                    "name": i.name,
                    "file": i.file,
                    "format": i.format,
                    "encoding": i.encoding,
                    "delimiter": i.delimiter,
                    "rows_read": i.rows_read,
                    "unmapped_columns": list(i.unmapped_columns),
                }
                for i in self.inputs
            ],
            "tables": [
                {
                    "table": t.table,
                    "input": t.input,
                    "file": t.file,
                    "rows_read": t.rows_read,
                    "rows_written": t.rows_written,
                    "rows_rejected": len(t.rejected),
                    "rejected_by_reason": t.counts(),
                    "examples": [{"reason": r, "column": c, "values": list(v)} for r, c, v in t.examples],
                    "columns_not_provided": list(t.not_provided),
                    "rejected": [{"row": r.row, "reason": r.reason, "column": r.column} for r in t.rejected],
                }
                for t in self.tables
            ],
        }

    def json_text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def reason_text(reason: str, lang: str) -> str:
    ja, en = REASONS.get(reason, (reason, reason))
    return ja if lang == "ja" else en


def format_report(report: ImportReport, lang: str) -> str:
    """The report for a terminal, in ``lang``."""
    ja = lang == "ja"
    lines = [f"取り込み: {report.mapping}" if ja else f"import: {report.mapping}"]
    for item in report.inputs:
        how = ", ".join(x for x in (item.format, item.encoding, _delimiter(item.delimiter)) if x)
        lines.append(
            f"  {item.file} ({how}): " + (f"{item.rows_read:,} 行" if ja else f"{item.rows_read:,} rows")
        )
        if item.unmapped_columns:
            names = ", ".join(item.unmapped_columns)
            lines.append(f"    使っていない列: {names}" if ja else f"    columns not used: {names}")
    for table in report.tables:
        lines.append(
            f"  {table.table} ← {table.input}: 読込 {table.rows_read:,} / 書込 {table.rows_written:,}"
            f" / 除外 {len(table.rejected):,}  → {table.file}"
            if ja
            else f"  {table.table} ← {table.input}: read {table.rows_read:,} / written {table.rows_written:,}"
            f" / rejected {len(table.rejected):,}  → {table.file}"
        )
        lines.extend(_rejections(table, lang))
        if table.not_provided:
            names = ", ".join(table.not_provided)
            lines.append(
                f"    取り込み元のない列(空のまま): {names}" if ja else f"    columns left empty: {names}"
            )
    return "\n".join(lines) + "\n"


def _rejections(table: TableReport, lang: str) -> list[str]:
    ja = lang == "ja"
    lines = []
    for key, count in table.counts().items():
        reason, _, column = key.partition(":")
        where = f" [{column}]" if column else ""
        lines.append(f"    {reason_text(reason, lang)}{where}: {count:,}" + (" 行" if ja else " rows"))
        for r, c, values in table.examples:
            if r == reason and c == column:
                lines.append(("      例: " if ja else "      e.g. ") + ", ".join(repr(v) for v in values))
    for rejection in table.rejected[:SHOWN_ROWS]:
        where = f" [{rejection.column}]" if rejection.column else ""
        lines.append(
            f"      {rejection.row} 行目{where}: {reason_text(rejection.reason, lang)}"
            if ja
            else f"      row {rejection.row}{where}: {reason_text(rejection.reason, lang)}"
        )
    if len(table.rejected) > SHOWN_ROWS:
        more = len(table.rejected) - SHOWN_ROWS
        lines.append(
            f"      …ほか {more:,} 行(JSON レポートにすべて)"
            if ja
            else f"      … {more:,} more (all in the JSON)"
        )
    return lines


def _delimiter(delimiter: str | None) -> str | None:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(delimiter or "", delimiter)
