"""Parquet output with fixed settings, so the same seed and scale give byte-identical files.

Each table streams row groups through one ``ParquetWriter`` into a hidden temporary file; the files are
renamed into place only when every table is complete, so a failed run never leaves half a sample.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..model.bilingual import BilingualError
from ..model.sources import ColumnType, Sources, Table

ARROW_TYPES: Mapping[ColumnType, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
}
ROW_GROUP_ROWS = 1_000_000


class SampleError(BilingualError):
    """The sample cannot be written as sources.yml describes (bilingual, no traceback for users)."""


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a canonical table: declared order, types and nullability."""
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type], nullable=c.nullable) for c in table.columns])


def table_path(out_dir: Path, table_id: str) -> Path:
    return out_dir / f"{table_id}.parquet"


class TableWriters:
    """One streaming Parquet writer per canonical table of ``sources``."""

    def __init__(self, sources: Sources, out_dir: Path) -> None:
        self._tables = {t.id: t for t in sources.tables}
        self._out_dir = out_dir
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = {t.id: 0 for t in sources.tables}

    def _temporary(self, table_id: str) -> Path:
        return self._out_dir / f".{table_id}.parquet.part"

    def write(self, table_id: str, columns: Mapping[str, pa.Array]) -> None:
        table = self._tables.get(table_id)
        if table is None:
            raise SampleError(
                f"sources.yml にテーブル {table_id} がありません"
                " — サンプル生成には6つの正規化テーブルが必要です",
                f"sources.yml has no table {table_id} — the sample needs the six canonical tables",
            )
        schema = arrow_schema(table)
        declared, made = set(schema.names), set(columns)
        if declared != made:
            missing, extra = sorted(declared - made), sorted(made - declared)
            raise SampleError(
                f"{table_id}: サンプル生成器の列が sources.yml と一致しません(不足: {missing}, 余分: {extra})"
                " — 生成器を sources.yml に合わせて更新してください",
                f"{table_id}: the sample generator's columns differ from sources.yml (missing: {missing},"
                f" extra: {extra}) — update the generator to match sources.yml",
            )
        arrays = [columns[name].cast(field.type) for name, field in zip(schema.names, schema, strict=True)]
        batch = pa.Table.from_arrays(arrays, schema=schema)
        writer = self._writers.get(table_id)
        if writer is None:
            self._out_dir.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(
                self._temporary(table_id),
                schema,
                compression="zstd",
                compression_level=3,
                use_dictionary=_dictionary_columns(table),
                column_encoding=_delta_columns(table),
                write_statistics=True,
                version="2.6",
            )
            self._writers[table_id] = writer
        writer.write_table(batch, row_group_size=ROW_GROUP_ROWS)
        self.rows[table_id] += batch.num_rows

    def commit(self) -> dict[str, Path]:
        """Close every file and move it into place; a table with no rows is an error."""
        empty = sorted(set(self._tables) - set(self._writers))
        if empty:
            self.abort()
            raise SampleError(
                f"サンプルに行のないテーブルがあります: {empty}", f"sample tables without rows: {empty}"
            )
        placed: dict[str, Path] = {}
        for writer in self._writers.values():
            writer.close()
        for table_id in self._writers:
            final = table_path(self._out_dir, table_id)
            os.replace(self._temporary(table_id), final)
            placed[table_id] = final
        self._writers.clear()
        return placed

    def abort(self) -> None:
        for table_id, writer in self._writers.items():
            writer.close()
            self._temporary(table_id).unlink(missing_ok=True)
        self._writers.clear()


def _delta_columns(table: Table) -> dict[str, str]:
    """Timestamps as deltas: activities are written in time order, so deltas are small (and fast to write)."""
    return {c.name: "DELTA_BINARY_PACKED" for c in table.columns if c.type == "timestamp"}


def _dictionary_columns(table: Table) -> list[str]:
    """Dictionary-encode repeated strings (codes, foreign keys), not unique ids or personal fields."""
    return [
        c.name for c in table.columns if c.type == "string" and c.name != table.primary_key and not c.personal
    ]
