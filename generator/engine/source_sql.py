"""Reading a data file as its canonical table (DuckDB, which also feeds the PostgreSQL loader).

Every backend sees the same typed columns: declared names and canonical types only, personal columns
left out. Timestamps become naive Japan local time (Asia/Tokyo): tz-aware Parquet values and CSV values
with an offset are converted; naive values are taken as local already. CSV dates may be ISO
(``2026-04-01 09:00:00``) or slashed (``2026/04/01 09:00``) as Japanese exports often write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlglot import exp

from ..model.sources import Column
from .lead_keys import LEAD_ID, LEAD_KEY, has_lead_id, key_type, lead_key

TIMEZONE = "Asia/Tokyo"
SLASHED_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")
_OFFSET_SUFFIX = r"(Z|[+-][0-9]{2}:?[0-9]{2})$"

SQL_TYPES: dict[str, exp.DType] = {
    "string": exp.DType.VARCHAR,
    "integer": exp.DType.BIGINT,
    "float": exp.DType.DOUBLE,
    "boolean": exp.DType.BOOLEAN,
    "timestamp": exp.DType.TIMESTAMP,
    "date": exp.DType.DATE,
}


def sql_type(column_type: str) -> exp.DataType:
    """The SQL type of a canonical column type."""
    return exp.DataType.build(SQL_TYPES[column_type])


def read_csv_raw(path: Path) -> exp.Expr:
    """``read_csv(path, header = true, all_varchar = true)``: every value as text, parsed by our own casts."""
    options = [
        exp.EQ(this=exp.column("header"), expression=exp.true()),
        exp.EQ(this=exp.column("all_varchar"), expression=exp.true()),
    ]
    return exp.Table(this=exp.ReadCSV(this=exp.Literal.string(str(path)), expressions=options))


def read_parquet(path: Path) -> exp.Expr:
    return exp.Table(this=exp.ReadParquet(expressions=[exp.Literal.string(str(path))]))


def csv_typed_value(column: Column) -> exp.Expr:
    """The text value of ``column`` parsed as its canonical type; NULL when it does not parse."""
    value = exp.column(column.name, quoted=True)
    if column.type == "string":
        return value
    if column.type in ("timestamp", "date"):
        with_offset = exp.AtTimeZone(
            this=exp.TryCast(this=value.copy(), to=exp.DataType.build(exp.DType.TIMESTAMPTZ)),
            zone=exp.Literal.string(TIMEZONE),
        )
        formats = exp.Array(expressions=[exp.Literal.string(f) for f in SLASHED_FORMATS])
        local = exp.func(
            "COALESCE",
            exp.TryCast(this=value.copy(), to=sql_type("timestamp")),
            exp.Anonymous(this="TRY_STRPTIME", expressions=[value.copy(), formats]),
        )
        parsed = exp.Case(
            ifs=[
                exp.If(
                    this=exp.RegexpLike(this=value.copy(), expression=exp.Literal.string(_OFFSET_SUFFIX)),
                    true=with_offset,
                )
            ],
            default=local,
        )
        return parsed if column.type == "timestamp" else exp.Cast(this=parsed, to=sql_type("date"))
    return exp.TryCast(this=value, to=sql_type(column.type))


def parquet_typed_value(column: Column, arrow_type: pa.DataType) -> exp.Expr:
    """The Parquet column cast to its canonical type (tz-aware timestamps to naive Japan time)."""
    value = exp.column(column.name, quoted=True)
    if pa.types.is_null(arrow_type):
        return exp.Cast(this=exp.null(), to=sql_type(column.type))
    if pa.types.is_timestamp(arrow_type) and arrow_type.tz is not None:
        local = exp.AtTimeZone(this=value, zone=exp.Literal.string(TIMEZONE))
        return exp.Cast(this=local, to=sql_type(column.type))
    return exp.Cast(this=value, to=sql_type(column.type))


def file_format(path: Path) -> str:
    """``csv`` for a .csv file, else ``parquet``: the two formats ``check_files`` admits."""
    return "csv" if path.suffix.lower() == ".csv" else "parquet"


def typed_select(path: Path, columns: Sequence[Column], *, hashed_lead_keys: bool = True) -> exp.Select:
    """``SELECT <each declared non-personal column, typed>[, lead_key] FROM <the file>`` (DuckDB)."""
    if file_format(path) == "parquet":
        schema = pq.read_schema(path)
        values = [parquet_typed_value(c, schema.field(c.name).type) for c in columns]
        source = read_parquet(path)
    else:
        values = [csv_typed_value(c) for c in columns]
        source = read_csv_raw(path)
    selected = [
        exp.alias_(value, column.name, quoted=True) for value, column in zip(values, columns, strict=True)
    ]
    if has_lead_id(columns):
        typed_id = values[[column.name for column in columns].index(LEAD_ID)]
        key = lead_key(typed_id.copy(), hashed=hashed_lead_keys)
        selected.append(exp.alias_(key, LEAD_KEY, quoted=True))
    return exp.select(*selected).from_(source)


def exposed_columns(
    columns: Sequence[Column], *, hashed_lead_keys: bool = True
) -> list[tuple[str, exp.DataType]]:
    """Name and SQL type of every column ``typed_select`` gives, in its order."""
    exposed = [(column.name, sql_type(column.type)) for column in columns]
    if has_lead_id(columns):
        exposed.append((LEAD_KEY, key_type(hashed=hashed_lead_keys)))
    return exposed


def bad_value_probe(path: Path, columns: Sequence[Column]) -> exp.Select:
    """For each typed CSV column: how many values fail to parse, and the smallest such value."""
    probes: list[exp.Expr] = []
    for column in columns:
        raw = exp.column(column.name, quoted=True)
        bad = exp.and_(
            exp.Not(this=exp.Is(this=raw.copy(), expression=exp.null())),
            exp.Is(this=csv_typed_value(column), expression=exp.null()),
        )
        probes.append(exp.func("COUNT", exp.Case(ifs=[exp.If(this=bad, true=exp.Literal.number(1))])))
        probes.append(exp.func("MIN", exp.Case(ifs=[exp.If(this=bad.copy(), true=raw.copy())])))
    return exp.select(*probes).from_(read_csv_raw(path))
