"""The data files behind the canonical tables: find them, check them before measuring, fingerprint them.

Each table is ``<data_dir>/<table>.parquet`` (preferred) or ``<table>.csv`` (UTF-8, header row). Checks made
here, before any KPI runs, so bad data stops the build with a message naming file, table and column:
missing file, empty file, unreadable file, missing column, a column of the wrong type (Parquet), values
that do not parse as the declared type (CSV: dates, numbers, booleans). Row-level rules (unique ids,
orphan ids, ordering, freshness) are the data-quality checks' job.

Personal columns are never required and never read.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..model.sources import Column, Table, locate_data_files
from .errors import DataError
from .source_sql import bad_value_probe


@dataclass(frozen=True)
class DataFile:
    """A located, checked data file and the (non-personal) columns the engine exposes from it."""

    table: str
    path: Path
    format: str  # "parquet" or "csv"
    columns: tuple[Column, ...]


def measured_columns(table: Table) -> tuple[Column, ...]:
    """The columns the engine may read: every declared column except personal ones."""
    return tuple(column for column in table.columns if not column.personal)


def check_files(data_dir: Path, tables: Sequence[Table], required: Iterable[str]) -> dict[str, DataFile]:
    """Locate and check every present table's file; raise DataError for a required table without a file."""
    by_id = {table.id: table for table in tables}
    paths = locate_data_files(data_dir, tables)
    for table_id in sorted(set(required)):
        if table_id not in paths:
            raise DataError(
                str(data_dir / f"{table_id}.parquet"),
                table_id,
                None,
                f"データファイルがありません — {table_id}.parquet(または {table_id}.csv)を"
                f" {data_dir} に置いてください",
                f"data file missing — put {table_id}.parquet (or {table_id}.csv) in {data_dir}",
            )
    return {table_id: check_file(by_id[table_id], path) for table_id, path in sorted(paths.items())}


def check_file(table: Table, path: Path) -> DataFile:
    """Check one file against its table's declared columns and types."""
    if path.stat().st_size == 0:
        raise _empty(path, table.id)
    columns = measured_columns(table)
    if path.suffix == ".parquet":
        _check_parquet(table.id, path, columns)
        return DataFile(table.id, path, "parquet", columns)
    _check_csv(table.id, path, columns)
    return DataFile(table.id, path, "csv", columns)


def fingerprint(files: Mapping[str, DataFile]) -> str:
    """sha256 over each table's name, format and file bytes, in table order: content-based, deterministic."""
    digest = hashlib.sha256()
    for table_id in sorted(files):
        data_file = files[table_id]
        digest.update(f"{table_id}\0{data_file.format}\0".encode())
        with data_file.path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


# --- Parquet -----------------------------------------------------------------------------------------

_ARROW_FAMILIES: dict[str, tuple[str, ...]] = {
    # canonical type → Arrow type families accepted (ids stored as numbers are fine as strings)
    "string": ("string", "integer"),
    "integer": ("integer",),
    "float": ("float", "integer", "decimal"),
    "boolean": ("boolean",),
    "timestamp": ("timestamp", "date"),
    "date": ("date", "timestamp"),
}
_TYPE_JA = {
    "string": "文字列",
    "integer": "整数",
    "float": "数値",
    "boolean": "真偽値",
    "timestamp": "日時",
    "date": "日付",
    "other": "その他",
}


def arrow_family(arrow_type: pa.DataType) -> str:
    """The canonical family of an Arrow type (``null`` for an all-null column)."""
    if pa.types.is_dictionary(arrow_type):
        return arrow_family(arrow_type.value_type)
    checks = (
        (pa.types.is_null, "null"),
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_integer, "integer"),
        (pa.types.is_floating, "float"),
        (pa.types.is_decimal, "decimal"),
        (pa.types.is_timestamp, "timestamp"),
        (pa.types.is_date, "date"),
        (
            lambda t: pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t),
            "string",
        ),
    )
    return next((family for check, family in checks if check(arrow_type)), "other")


def _check_parquet(table: str, path: Path, columns: Sequence[Column]) -> None:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(
            str(path),
            table,
            None,
            f"Parquet ファイルとして読めません({reason})— エクスポートし直してください",
            f"cannot read as Parquet ({reason}) — export the file again",
        ) from None
    if parquet.metadata.num_rows == 0:
        raise _empty(path, table)
    schema = parquet.schema_arrow
    for column in columns:
        _check_present(path, table, column.name, schema.names)
        found = arrow_family(schema.field(column.name).type)
        if found != "null" and found not in _ARROW_FAMILIES[column.type]:
            raise DataError(
                str(path),
                table,
                column.name,
                f"列 {column.name} の型が違います: {_TYPE_JA[column.type]}({column.type})のはずが"
                f"{_TYPE_JA.get(found, found)}({schema.field(column.name).type})です — "
                f"エクスポート時に {column.type} 型で出力してください",
                f"column {column.name} has the wrong type: expected {column.type}, found "
                f"{schema.field(column.name).type} — export it as {column.type}",
            )


# --- CSV ---------------------------------------------------------------------------------------------


def _check_csv(table: str, path: Path, columns: Sequence[Column]) -> None:
    header = _csv_header(table, path)
    for column in columns:
        _check_present(path, table, column.name, header)
    connection = duckdb.connect()
    try:
        _check_csv_values(connection, table, path, columns)
    finally:
        connection.close()


def _csv_header(table: str, path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            first_row = next(reader, None)
    except UnicodeDecodeError:
        raise DataError(
            str(path),
            table,
            None,
            "CSV を UTF-8 として読めません — UTF-8(BOM 付きも可)で保存し直してください(Shift_JIS は不可)",
            "the CSV is not UTF-8 — save it again as UTF-8 (with or without BOM; Shift_JIS is not supported)",
        ) from None
    if header is None or first_row is None:
        raise _empty(path, table)
    return [name.strip() for name in header]


def _check_csv_values(
    connection: duckdb.DuckDBPyConnection, table: str, path: Path, columns: Sequence[Column]
) -> None:
    typed = [column for column in columns if column.type != "string"]
    if not typed:
        return
    try:
        row = connection.execute(bad_value_probe(path, typed).sql("duckdb")).fetchone()
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        raise DataError(
            str(path), table, None, f"CSV を読めません({reason})", f"cannot read the CSV ({reason})"
        ) from None
    assert row is not None
    for index, column in enumerate(typed):
        count, example = row[2 * index], row[2 * index + 1]
        if count:
            raise _unparseable(path, table, column, int(count), str(example))


def _unparseable(path: Path, table: str, column: Column, count: int, example: str) -> DataError:
    formats = {
        "timestamp": "2026-04-01 09:00:00 / 2026/04/01 09:00",
        "date": "2026-04-01 / 2026/04/01",
        "integer": "12",
        "float": "12.5",
        "boolean": "true / false",
    }[column.type]
    return DataError(
        str(path),
        table,
        column.name,
        f"列 {column.name} の {count} 件の値を{_TYPE_JA[column.type]}として解釈できません"
        f"(例: '{example[:40]}')"
        f" — {formats} の形式にしてください",
        f"{count} value(s) of column {column.name} cannot be read as {column.type} (e.g. '{example[:40]}')"
        f" — use a format like {formats}",
    )


# --- shared ------------------------------------------------------------------------------------------


def _check_present(path: Path, table: str, name: str, present: Sequence[str]) -> None:
    if name in present:
        return
    near = next((p for p in present if p.lower() == name.lower()), None)
    hint_ja = f"(「{near}」はあります。列名は小文字で)" if near else ""
    hint_en = f" (found '{near}'; names are case-sensitive)" if near else ""
    raise DataError(
        str(path),
        table,
        name,
        f"列 {name} がありません{hint_ja} — definitions/sources.yml の {table} の列をすべて含めてください",
        f"column {name} is missing{hint_en} — include every column of {table} declared in"
        " definitions/sources.yml",
    )


def _empty(path: Path, table: str) -> DataError:
    return DataError(
        str(path),
        table,
        None,
        "ファイルが空です(データ行がありません)— エクスポートをやり直してください",
        "the file is empty (no data rows) — export it again",
    )
