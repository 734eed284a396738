"""Property-based fuzzing of the importers: any export file reads or fails with a message, and any text from
an export or a mapping enters the import's SQL as data, never as SQL.

Bounded and derandomized (see test_fuzz.py) so the run takes seconds and a failure reproduces in CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from generator.importers.problems import ImportFailure
from generator.importers.reading import ROW, read_input
from generator.importers.sql_text import ident, lit
from generator.model.imports import ReadOptions

from .test_fuzz import FUZZ

# Pieces a CSV reader gives meaning to: separators, quotes, line ends, byte-order marks, Shift_JIS bytes.
_CSV_PIECES = [
    b"a", b"id", b"\xe6\x97\xa5", b",", b";", b"\t", b"|", b'"', b'""', b"\n", b"\r\n", b"\r", b" ",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x82\xa0", b"\x00", b"=1+2", b"1e400", b"-", b"9" * 40,
]  # fmt: skip
_CSV_BYTES = st.one_of(
    st.lists(st.sampled_from(_CSV_PIECES), max_size=80).map(b"".join),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda text: text.encode("utf-8")),
)
_CONNECTION = duckdb.connect()


@FUZZ
@given(_CSV_BYTES, st.sampled_from([None, ",", ";", "|"]))
def test_any_csv_reads_as_text_rows_or_fails_with_a_message(raw: bytes, delimiter: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(raw)
        try:
            table = read_input("export", path, ReadOptions(delimiter=delimiter))
        except ImportFailure as failure:
            assert failure.lines("ja") and failure.lines("en")
            assert all(0 < len(line) < 2000 for line in failure.lines("en")), failure.lines("en")
            return
    # Every column read as text; each kept record keeps its spreadsheet row (the header is row 1).
    names = table.table.column_names
    assert len(names) == len(table.columns) + 1 and names[-1] == ROW and len(set(names)) == len(names)
    assert all(table.table.schema.field(name).type == pa.string() for name in names[:-1])
    rows = table.table.column(ROW).to_pylist()
    assert all(row >= 2 for row in rows) and rows == sorted(set(rows))
    assert set(rows).isdisjoint(table.bad_rows)


@FUZZ
@given(st.text(max_size=120))
def test_export_and_mapping_text_enters_the_sql_as_data(text: str) -> None:
    # A header becomes a quoted identifier, a mapping value or word a string literal: the query selects
    # exactly that text under exactly that name, whatever quotes, semicolons or comments it holds.
    name = text or "x"  # an identifier cannot be empty
    result = _CONNECTION.execute(f"SELECT {lit(text)} AS {ident(name)}")
    assert result.fetchall() == [(text,)]
    assert result.description is not None and result.description[0][0] == name
