"""Read one export (CSV in any encoding and delimiter, or .xlsx) into an Arrow table of text columns.

Every column is read as text: the mapping decides what a value means (a date in dd-mm-yyyy, an Excel
serial date, ``Closed Won``), and a value that does not fit is a rejected row with a reason, never a
failed read. A ``__row`` column keeps each record's row number as a spreadsheet shows it (the header
is row 1), so the report can point at the row. Rows with the wrong number of fields are set aside
with their row number, not dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..model.imports import ReadOptions
from .encodings import SAMPLE_BYTES, detect_encoding, sample_of
from .problems import ImportFailure

ROW = "__row"
DELIMITERS = (",", "\t", ";", "|")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class InputTable:
    """One export read as text: its column names as written, its rows, and how it was read."""

    name: str
    file: str
    columns: tuple[str, ...]
    table: pa.Table  # the columns above as strings (empty → null), plus ``__row``
    format: str  # "csv" or "xlsx"
    encoding: str | None
    delimiter: str | None
    bad_rows: tuple[int, ...]  # row numbers with the wrong number of fields


def read_input(name: str, path: Path, options: ReadOptions) -> InputTable:
    """Read ``path`` by its suffix; an unreadable file is an :class:`ImportFailure`."""
    if not path.is_file():
        raise ImportFailure.one(
            f"{path}: ファイルがありません — パスを確認してください",
            f"{path}: no such file — check the path",
        )
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(name, path, options)
    if path.suffix.lower() == ".xls":
        raise ImportFailure.one(
            f"{path}: 古い Excel 形式(.xls)は読めません — Excel で .xlsx か CSV として保存し直してください",
            f"{path}: the old Excel format (.xls) is not supported — save it as .xlsx or CSV",
        )
    return _read_csv(name, path, options)


def header_key(name: str) -> str:
    """How header names are compared: NFKC (full-width = half-width), case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# --- CSV ---------------------------------------------------------------------------------------------


def _read_csv(name: str, path: Path, options: ReadOptions) -> InputTable:
    with path.open("rb") as handle:
        sample = sample_of(handle.read(SAMPLE_BYTES + 1))
    encoding = detect_encoding(sample, options.encoding, str(path))
    try:
        text = sample.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        raise _not_in_encoding(path, encoding) from None
    text = text.removeprefix("\ufeff")
    delimiter = options.delimiter or _sniff_delimiter(text)
    header = _csv_header(text, delimiter, path)
    names = _unique(header)
    bad: list[int] = []

    def set_aside(row: pacsv.InvalidRow) -> str:
        bad.append(int(row.number) if row.number is not None else 0)
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            # One thread: the invalid-row handler then knows each row's number (the machine has two cores
            # and reading is not the slow part of an import).
            read_options=pacsv.ReadOptions(
                encoding=encoding, column_names=names, skip_rows=1, use_threads=False, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=set_aside
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise _unreadable(path, _without_row_text(error)) from None
    # pyarrow numbers rows from 1 at the header when it skips one; the k-th kept row is the k-th number
    # from 2 on that was not set aside.
    rows = _kept_row_numbers(table.num_rows, bad)
    table = table.append_column(ROW, pa.array(rows, type=pa.int64()))
    return InputTable(name, path.name, tuple(header), table, "csv", encoding, delimiter, tuple(sorted(bad)))


def _sniff_delimiter(text: str) -> str:
    """The candidate that splits the header line into the most fields (a comma on a tie)."""
    first_line = text.split("\n", 1)[0]
    counts = {candidate: first_line.count(candidate) for candidate in DELIMITERS}
    best = max(DELIMITERS, key=lambda candidate: (counts[candidate], candidate == ","))
    return best if counts[best] else ","


def _csv_header(text: str, delimiter: str, path: Path) -> list[str]:
    # newline="": a header ended by a lone CR (old Mac exports) is a line, as pyarrow reads it.
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), None)
    except csv.Error as error:  # e.g. a header field over the csv module's 128 KiB limit
        raise _unreadable(path, str(error)) from None
    if not header or not any(cell.strip() for cell in header):
        raise ImportFailure.one(
            f"{path}: 見出し行がありません — 1 行目に列名を入れてエクスポートしてください",
            f"{path}: no header row — export with the column names on the first line",
        )
    return [cell.strip() for cell in header]


def _unique(header: Sequence[str]) -> list[str]:
    """Column names Arrow and the database can hold: blanks named by position, repeats numbered."""
    names: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(header, start=1):
        candidate = cell or f"column_{index}"
        number = 2
        base = candidate
        while candidate in seen or candidate == ROW:
            candidate = f"{base} ({number})"
            number += 1
        seen.add(candidate)
        names.append(candidate)
    return names


def _kept_row_numbers(kept: int, set_aside: Iterable[int]) -> np.ndarray:
    skipped = np.array(sorted(set(set_aside)), dtype=np.int64)
    candidates = np.arange(2, 2 + kept + len(skipped), dtype=np.int64)
    return np.setdiff1d(candidates, skipped, assume_unique=True)[:kept]


def _without_row_text(error: Exception) -> str:
    """Arrow's reason, cut before it quotes the offending row (which may hold personal data)."""
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return ": ".join(first_line.split(": ")[:2])


def _not_in_encoding(path: Path, encoding: str) -> ImportFailure:
    return ImportFailure.one(
        f"{path}: 文字コード {encoding} として読めません — マッピングの read.encoding を確認してください"
        "(Excel で保存した日本語の CSV は cp932)",
        f"{path}: cannot be read as {encoding} — check read.encoding in the mapping"
        " (Japanese CSV saved by Excel is cp932)",
    )


def _unreadable(path: Path, reason: str) -> ImportFailure:
    return ImportFailure.one(
        f"{path}: CSV として読めません({reason[:120]})"
        "— 区切り文字(read.delimiter)と文字コードを確認してください",
        f"{path}: cannot read the CSV ({reason[:120]}) — check read.delimiter and read.encoding",
    )


# --- Excel -------------------------------------------------------------------------------------------


def _read_xlsx(name: str, path: Path, options: ReadOptions) -> InputTable:
    from python_calamine import CalamineWorkbook  # only an .xlsx import pays for it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet_name = options.sheet or workbook.sheet_names[0]
        if sheet_name not in workbook.sheet_names:
            raise ImportFailure.one(
                f"{path}: シート「{sheet_name}」がありません(あるのは {', '.join(workbook.sheet_names)})"
                " — read.sheet を直してください",
                f"{path}: no sheet '{sheet_name}' (found: {', '.join(workbook.sheet_names)})"
                " — fix read.sheet",
            )
        cells = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except ImportFailure:
        raise
    except Exception as error:  # calamine raises its own error types for broken workbooks
        raise ImportFailure.one(
            f"{path}: Excel ファイルとして読めません({type(error).__name__})"
            "— .xlsx として保存し直してください",
            f"{path}: cannot read the Excel file ({type(error).__name__}) — save it again as .xlsx",
        ) from None
    rows = [(number, row) for number, row in enumerate(cells, start=1) if any(_text(c) for c in row)]
    if not rows:
        raise ImportFailure.one(f"{path}: シートが空です", f"{path}: the sheet is empty")
    header_cells = rows[0][1]
    header = [_text(cell) or "" for cell in header_cells]
    names = _unique(header)
    columns: list[list[str | None]] = [[] for _ in names]
    numbers: list[int] = []
    for number, row in rows[1:]:
        numbers.append(number)
        for index in range(len(names)):
            columns[index].append(_text(row[index]) if index < len(row) else None)
    arrays = [pa.array(values, type=pa.string()) for values in columns]
    arrays.append(pa.array(numbers, type=pa.int64()))
    table = pa.Table.from_arrays(arrays, names=[*names, ROW])
    return InputTable(name, path.name, tuple(header), table, "xlsx", None, None, ())


def _text(cell: object) -> str | None:
    """A cell as the text an export would have written: dates in ISO, whole numbers without ``.0``."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.timedelta):
        return str(cell.total_seconds())
    text = str(cell).strip()
    return text or None
