"""An import from start to end: read every input, convert every table, write Parquet and the report.

Every table is converted before any file is written, and each file is written beside its final name
and renamed into place, so a failed import leaves the data folder as it was. Parquet settings are fixed
and rows keep the export's order: the same export and mapping give byte-identical files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..model.sources import Sources
from .convert import Converted, convert_table, input_relation
from .mapping import LoadedMapping, check_mapping
from .problems import ImportFailure
from .reading import InputTable, header_key, read_input
from .report import ImportReport, InputReport, Rejection, TableReport
from .sql_text import lit


def import_files(
    mapping: LoadedMapping, files: Mapping[str, Path], sources: Sources
) -> tuple[ImportReport, dict[str, pa.Table]]:
    """Convert ``files`` (input name → path) with ``mapping``; return the report and the tables to write."""
    check_mapping(mapping, sources)
    missing = [name for name in mapping.spec.inputs if name not in files]
    if missing:
        raise ImportFailure.one(
            f"入力ファイルが足りません: {', '.join(missing)} — 名前=ファイル の形で渡してください",
            f"input files missing: {', '.join(missing)} — pass them as name=file",
        )
    inputs = {name: read_input(name, files[name], spec.read) for name, spec in mapping.spec.inputs.items()}
    tables = {table.id: table for table in sources.tables}
    connection = _connection(mapping)
    try:
        for name, item in inputs.items():
            connection.register(input_relation(name).strip('"'), item.table)
        personal = _personal_sources(mapping, sources)
        converted = {
            spec.table: convert_table(connection, mapping, index, tables[spec.table], inputs, personal)
            for index, spec in enumerate(mapping.spec.tables)
        }
    finally:
        connection.close()
    report = ImportReport(
        mapping.file,
        tuple(_input_report(mapping, item) for item in inputs.values()),
        tuple(
            _table_report(spec.table, inputs[mapping.spec.input_of(spec)], converted[spec.table])
            for spec in mapping.spec.tables
        ),
    )
    return report, {table: result.table for table, result in converted.items()}


def write_tables(tables: Mapping[str, pa.Table], out_dir: Path) -> list[Path]:
    """Each non-empty table as ``<out_dir>/<table>.parquet``, renamed into place once written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    for table_id, table in sorted(tables.items()):
        if table.num_rows == 0:
            continue
        final = out_dir / f"{table_id}.parquet"
        temporary = out_dir / f".{table_id}.parquet.import"
        pq.write_table(
            table, temporary, compression="zstd", compression_level=3, version="2.6", write_statistics=True
        )
        staged.append((temporary, final))
    for temporary, final in staged:
        os.replace(temporary, final)
    return [final for _, final in staged]


def _connection(mapping: LoadedMapping) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    try:
        # ISO text without an offset is read in the session's zone: the export's zone.
        connection.execute(f"SET TimeZone = {lit(mapping.spec.timezone)}").fetchall()
        connection.execute("SELECT CAST(TIMESTAMP '2026-01-01' AS TIMESTAMPTZ)").fetchall()
    except duckdb.Error:
        connection.close()
        where = mapping.where(("timezone",))
        raise ImportFailure.one(
            f"{where}: タイムゾーン「{mapping.spec.timezone}」を知りません"
            " — Asia/Tokyo や UTC のように書いてください",
            f"{where}: unknown time zone '{mapping.spec.timezone}' — write it like Asia/Tokyo or UTC",
        ) from None
    return connection


def _personal_sources(mapping: LoadedMapping, sources: Sources) -> set[str]:
    """The export columns (as header keys) that feed a personal column: never quoted in the report."""
    personal = {(t.id, c.name) for t in sources.tables for c in t.columns if c.personal}
    found: set[str] = set()
    for spec in mapping.spec.tables:
        for name, column in spec.column_mappings().items():
            if (spec.table, name) in personal:
                names = column.source if isinstance(column.source, list) else [column.source or ""]
                found |= {header_key(n) for n in names}
    return found


def _used_columns(mapping: LoadedMapping, input_name: str) -> set[str]:
    used: set[str] = set()
    for spec in mapping.spec.tables:
        own = mapping.spec.input_of(spec) == input_name
        for column in spec.column_mappings().values():
            names = (
                column.source if isinstance(column.source, list) else [column.source] if column.source else []
            )
            if column.lookup is not None:
                if column.lookup.input == input_name:
                    used |= {column.lookup.key, *names}
                if own:
                    used.add(column.lookup.match)
            elif own:
                used |= set(names)
            if own and column.when is not None:
                used.add(column.when.column)
    return {header_key(name) for name in used}


def _input_report(mapping: LoadedMapping, item: InputTable) -> InputReport:
    used = _used_columns(mapping, item.name)
    unmapped = tuple(name for name in item.columns if name and header_key(name) not in used)
    return InputReport(
        item.name,
        item.file,
        item.format,
        item.encoding,
        item.delimiter,
        item.table.num_rows + len(item.bad_rows),
        unmapped,
    )


def _table_report(table_id: str, item: InputTable, converted: Converted) -> TableReport:
    rejected = sorted(
        [Rejection(row, reason, column) for row, reason, column in converted.rejected]
        + [Rejection(row, "wrong_field_count", None) for row in item.bad_rows],
        key=lambda r: r.row,
    )
    return TableReport(
        table=table_id,
        input=item.name,
        file=f"{table_id}.parquet",
        rows_read=item.table.num_rows + len(item.bad_rows),
        rows_written=converted.table.num_rows,
        rejected=tuple(rejected),
        examples=tuple((r, c, tuple(v)) for (r, c), v in sorted(converted.examples.items())),
        not_provided=converted.not_provided,
    )
