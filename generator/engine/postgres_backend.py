"""PostgreSQL: the canonical tables are loaded into temporary tables with COPY, then queried as is.

Files are read through the same typed DuckDB select the embedded backend uses, so both backends see
identical values; the measuring queries themselves run on PostgreSQL. Tables are temporary: they vanish
with the connection and never clash with a team's own schema.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import psycopg
import pyarrow.csv as pacsv
from sqlglot import exp

from ..model.sources import Column
from .duckdb_backend import temporary_table
from .source_sql import exposed_columns, typed_select

_BATCH_ROWS = 200_000


class PostgresBackend:
    """A PostgreSQL connection; ``conninfo`` as psycopg takes it (``host=/tmp port=5433 dbname=kpi``)."""

    dialect = "postgres"

    def __init__(self, conninfo: str) -> None:
        self._connection: psycopg.Connection[Any] = psycopg.connect(conninfo, autocommit=True)
        self._connection.execute("SET TIME ZONE 'Asia/Tokyo'")

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        reader = duckdb.connect(":memory:")
        try:
            for table, path in sorted(files.items()):
                self._load(reader, table, path, columns[table], hashed_lead_keys)
        finally:
            reader.close()

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        with self._connection.cursor() as cursor:
            cursor.execute(query.sql(self.dialect))
            names = [d.name for d in cursor.description or ()]
            rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
        return pd.DataFrame.from_records(rows, columns=names)

    def materialize(self, name: str, query: exp.Expression) -> None:
        table = exp.to_table(name)
        self._connection.execute(exp.Drop(tables=[table], kind="TABLE", exists=True).sql(self.dialect))
        self._connection.execute(temporary_table(name, query).sql(self.dialect))
        self._connection.execute(f"ANALYZE {table.sql(self.dialect)}")

    def close(self) -> None:
        self._connection.close()

    def _load(
        self,
        reader: duckdb.DuckDBPyConnection,
        table: str,
        path: Path,
        columns: Sequence[Column],
        hashed_lead_keys: bool,
    ) -> None:
        drop = exp.Drop(tables=[exp.to_table(table)], kind="TABLE", exists=True)
        exposed = exposed_columns(columns, hashed_lead_keys=hashed_lead_keys)
        definition = exp.Schema(
            this=exp.to_table(table),
            expressions=[
                exp.ColumnDef(this=exp.to_identifier(name, quoted=True), kind=kind) for name, kind in exposed
            ],
        )
        create = exp.Create(
            this=definition, kind="TABLE", properties=exp.Properties(expressions=[exp.TemporaryProperty()])
        )
        self._connection.execute(drop.sql(self.dialect))
        self._connection.execute(create.sql(self.dialect))
        names = ", ".join(exp.to_identifier(name, quoted=True).sql(self.dialect) for name, _ in exposed)
        source = typed_select(path, columns, hashed_lead_keys=hashed_lead_keys)
        batches = reader.sql(source.sql("duckdb")).to_arrow_reader(_BATCH_ROWS)
        assert batches is not None
        copy_sql = f"COPY {exp.to_table(table).sql(self.dialect)} ({names}) FROM STDIN WITH (FORMAT csv)"
        options = pacsv.WriteOptions(include_header=False)
        with self._connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for batch in batches:
                buffer = io.BytesIO()
                pacsv.write_csv(batch, buffer, write_options=options)
                copy.write(buffer.getvalue())
        self._connection.execute(f"ANALYZE {exp.to_table(table).sql(self.dialect)}")


def _plain(value: object) -> object:
    """Decimals (PostgreSQL numeric from AVG or SUM of integers) as floats, like DuckDB returns them."""
    return float(value) if isinstance(value, Decimal) else value
