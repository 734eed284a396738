"""Apache Spark: the canonical tables are temporary views over their Parquet files, queried in Spark SQL.

The queries are the engine's own sqlglot expressions rendered for the ``spark`` dialect — no measure
is written twice. Parquet files are read by Spark itself (a local path or any URI Spark reads, such
as ``s3a://`` or ``abfss://``), through the same typed select the other backends use; a CSV file is
first converted by DuckDB's typed select into a temporary Parquet file (local runs only).

The session runs in Japan time (``spark.sql.session.timeZone=Asia/Tokyo``), so timestamps, calendar
days and ``CAST(… AS TIMESTAMP)`` literals mean what they mean on DuckDB. Two spellings differ:
the lead key hashes with ``XXHASH64`` (64 bits like DuckDB's ``HASH``; Spark's ``HASH`` has 32), and a
tz-aware Parquet timestamp is already local time in the session, so ``AT TIME ZONE`` is dropped.
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
from sqlglot import exp

from ..model.sources import Column
from .dialects import render
from .duckdb_backend import IN_MEMORY_ROWS
from .source_sql import TIMEZONE, file_format, typed_select

LOCAL_MASTER = "local[2]"
# What every session needs, local or remote: SQL settings a Spark Connect session may change too.
_SESSION_CONFIG = {
    "spark.sql.session.timeZone": TIMEZONE,
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.ansi.enabled": "false",  # x / 0 is NULL as on DuckDB, not an error
}
# Only for a session started here: a cluster's own settings (partitions, UI) are its operators'.
_LOCAL_CONFIG = {
    "spark.sql.shuffle.partitions": "2",  # the default 200 makes each small aggregate 200 tasks
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": f"-Duser.timezone={TIMEZONE}",
}


class SparkBackend:
    """A SparkSession: local (``master``, default ``local[2]``) or a Spark Connect server (``remote``)."""

    dialect = "spark"

    def __init__(self, *, master: str = LOCAL_MASTER, remote: str | None = None) -> None:
        from pyspark.sql import SparkSession

        self._converted = tempfile.TemporaryDirectory(prefix="kpi-spark-")
        builder: Any = SparkSession.builder.appName("kpi")
        builder = builder.remote(remote) if remote else builder.master(master)
        # A local session would otherwise make spark-warehouse/ in the working directory (the project).
        private = {"spark.sql.warehouse.dir": str(Path(self._converted.name) / "warehouse")}
        for key, value in (_SESSION_CONFIG if remote else _SESSION_CONFIG | _LOCAL_CONFIG | private).items():
            builder = builder.config(key, value)
        self._session: Any = builder.getOrCreate()
        if not remote:
            self._session.sparkContext.setLogLevel("ERROR")
        # A failed query is reported once, as the KPI's error: not also as a JSON log line on stderr.
        logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
        self._owned = not remote
        self._cached: list[str] = []

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        for table, path in sorted(files.items()):
            parquet = (
                path if file_format(path) == "parquet" else self._as_parquet(table, path, columns[table])
            )
            source = typed_select(parquet, columns[table], hashed_lead_keys=hashed_lead_keys)
            self._view(table, source, cache=_rows(parquet) <= IN_MEMORY_ROWS)

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        with warnings.catch_warnings():  # pyspark's own pandas deprecation notices, not ours to fix
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            frame: pd.DataFrame = self._session.sql(self._sql(query)).toPandas()
        for name in frame.columns[frame.dtypes.map(lambda kind: kind.kind == "O")]:
            if frame[name].map(lambda value: isinstance(value, Decimal)).any():
                frame[name] = frame[name].map(_plain)
        return frame

    def materialize(self, name: str, query: exp.Expression) -> None:
        self._view(name, query, cache=True)

    def close(self) -> None:
        for name in self._cached:
            self._session.catalog.dropTempView(name)
        self._cached.clear()
        if self._owned:
            self._session.catalog.clearCache()
        self._converted.cleanup()

    def _view(self, name: str, query: exp.Expression, *, cache: bool) -> None:
        """``CREATE OR REPLACE TEMPORARY VIEW name AS query``, kept in memory when ``cache``."""
        view = exp.Create(
            this=exp.to_table(name),
            kind="VIEW",
            expression=query,
            replace=True,
            properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
        )
        self._session.sql(f"UNCACHE TABLE IF EXISTS {exp.to_table(name).sql(self.dialect)}")
        self._session.sql(self._sql(view))
        if cache:  # read once, then every query reads memory (like DuckDB's in-memory small tables)
            self._session.sql(f"CACHE TABLE {exp.to_table(name).sql(self.dialect)}")
        if name not in self._cached:
            self._cached.append(name)

    def _sql(self, query: exp.Expression) -> str:
        return render(query.transform(_spark_spelling), self.dialect)

    def _as_parquet(self, table: str, path: Path, columns: Sequence[Column]) -> Path:
        """A CSV file read by DuckDB's typed select (its formats and offsets) into a Parquet file."""
        out = Path(self._converted.name) / f"{table}.parquet"
        reader = duckdb.connect(":memory:")
        try:
            query = typed_select(path, columns, hashed_lead_keys=False).sql("duckdb")
            reader.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet)")
        finally:
            reader.close()
        return out


def _spark_spelling(node: exp.Expr) -> exp.Expr:
    """``x AT TIME ZONE 'Asia/Tokyo'`` → ``x``: a tz-aware value is already local time in the session."""
    if isinstance(node, exp.AtTimeZone) and node.args.get("zone") == exp.Literal.string(TIMEZONE):
        local: exp.Expr = node.this.copy()
        return local
    return node


def _rows(path: Path) -> int:
    """Rows of a local Parquet file from its footer; a remote URI counts as big (never cached)."""
    if not path.exists():
        return IN_MEMORY_ROWS + 1
    rows: int = pq.ParquetFile(path).metadata.num_rows
    return rows


def _plain(value: object) -> object:
    """Decimals (Spark's AVG or SUM of decimals) as floats, like DuckDB returns them."""
    return float(value) if isinstance(value, Decimal) else value
