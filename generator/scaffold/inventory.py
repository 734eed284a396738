"""What a data folder holds, asked of its files with DuckDB: tables, filled columns, compared values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

import duckdb

from ..importers.sql_text import ident, lit
from ..model.sources import Table, locate_data_files


class DataInventory:
    """The canonical tables found in ``data_dir``; a column counts only when some row has a value."""

    def __init__(self, data_dir: Path, tables: Iterable[Table]) -> None:
        self.files = locate_data_files(data_dir, tables)
        self._connection = duckdb.connect()
        self._columns: dict[str, set[str]] = {}
        self._answers: dict[tuple[str, str, tuple[str, ...]], bool] = {}
        for table_id, path in self.files.items():
            reader = "read_parquet" if path.suffix == ".parquet" else "read_csv_auto"
            self._connection.execute(
                f"CREATE VIEW {ident(table_id)} AS SELECT * FROM {reader}({lit(str(path))})"
            ).fetchall()
            described = self._connection.execute(f"DESCRIBE {ident(table_id)}").fetchall()
            self._columns[table_id] = {str(row[0]) for row in described}

    def __enter__(self) -> DataInventory:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._connection.close()

    def has_table(self, table_id: str) -> bool:
        return table_id in self.files

    def has_column(self, table_id: str, column: str) -> bool:
        """The table has the column and at least one row has a value in it (an import writes every
        declared column, empty where the export had none)."""
        return self.has_any(table_id, column, ())

    def has_any(self, table_id: str, column: str, values: Sequence[str]) -> bool:
        """Some row's ``column`` has a value, one of ``values`` when they are given (compared as text)."""
        key = (table_id, column, tuple(values))
        if key not in self._answers:
            self._answers[key] = column in self._columns.get(table_id, set()) and self._ask(key)
        return self._answers[key]

    def _ask(self, key: tuple[str, str, tuple[str, ...]]) -> bool:
        table_id, column, values = key
        condition = f"{ident(column)} IS NOT NULL"
        if values:
            condition = f"CAST({ident(column)} AS VARCHAR) IN ({', '.join(lit(v) for v in values)})"
        row = self._connection.execute(
            f"SELECT count(*) > 0 FROM (SELECT 1 FROM {ident(table_id)} WHERE {condition} LIMIT 1)"
        ).fetchone()
        return bool(row and row[0])
