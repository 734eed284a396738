"""Import mappings (``definitions/imports/*.yml``): which export feeds which canonical table, and how.

A mapping names its input files (one export, or several: the two-spreadsheet start has an MQL list
and a won-deals list), then for each canonical table of ``sources.yml`` it fills, where each column's
value comes from: a column of the export (renamed), a constant, a value mapping (``Closed Won`` →
``closed_won``), a condition (a won date only where the stage is won) or a look-up into another input
by id. Nothing in a mapping is executed: column names and values are text, quoted as text.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from .base import Identifier, NonEmptyText, ShortText, Spec

EncodingName = Literal["auto", "utf-8", "utf-8-sig", "cp932", "shift_jis", "euc-jp", "latin-1", "cp1252"]
SourceColumn = Annotated[str, StringConstraints(min_length=1, max_length=200)]
DateFormat = Annotated[str, StringConstraints(min_length=2, max_length=40, pattern=r"%")]
MappedValue = Annotated[str, StringConstraints(max_length=200)] | bool | int | float
TimeZoneName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")]

DEFAULT_TIMEZONE = "Asia/Tokyo"


class ReadOptions(Spec):
    """How one input file is read; everything is detected when left out."""

    encoding: EncodingName = Field(
        default="auto",
        description="auto: a byte-order mark, else UTF-8, else Shift_JIS (CP932, as Excel in Japan writes"
        " it),"
        " else a detected encoding",
    )
    delimiter: Annotated[str, StringConstraints(min_length=1, max_length=1)] | None = Field(
        default=None, description="CSV field separator (detected from the header line when left out)"
    )
    sheet: ShortText | None = Field(default=None, description=".xlsx: the sheet to read (default: the first)")


class InputFile(Spec):
    """One export file the mapping reads (CSV or .xlsx)."""

    description: ShortText
    read: ReadOptions = ReadOptions()


class Condition(Spec):
    """True where the export's ``column`` holds one of ``in`` (compared ignoring case and spaces)."""

    model_config = ConfigDict(populate_by_name=True)

    column: SourceColumn
    values: list[Annotated[str, StringConstraints(max_length=200)]] = Field(alias="in", min_length=1)


class Lookup(Spec):
    """Take the value from another input's row whose ``key`` equals this row's ``match`` column."""

    input: Identifier
    key: SourceColumn = Field(description="the id column of the other input")
    match: SourceColumn = Field(description="the id column of this table's input")


class ColumnMapping(Spec):
    """Where one canonical column's value comes from, and how it is turned into the declared type."""

    model_config = ConfigDict(populate_by_name=True)

    source: SourceColumn | list[SourceColumn] | None = Field(
        default=None,
        alias="from",
        description="the export's column (a list: the first non-empty of them)",
    )
    value: MappedValue | None = Field(default=None, description="a constant for every row")
    values: dict[Annotated[str, StringConstraints(max_length=200)], MappedValue] = Field(
        default={},
        description="export value → canonical value (compared ignoring case and surrounding spaces)",
    )
    default: MappedValue | None = Field(
        default=None, description="used when the export's value is empty or not in ``values``"
    )
    when: Condition | None = Field(default=None, description="keep the value only on rows where this holds")
    lookup: Lookup | None = None
    optional: bool = Field(default=False, description="the export may lack this column (then empty)")
    required: bool | None = Field(
        default=None,
        description="reject rows where the value is empty (default: the column's nullable: false)",
    )
    date_formats: list[DateFormat] = Field(
        default=[], description="strptime formats tried before the mapping's date_formats"
    )


ColumnSpec = SourceColumn | ColumnMapping


class TableMapping(Spec):
    """One canonical table filled from one input: its columns by canonical name."""

    table: Identifier
    input: Identifier | None = Field(default=None, description="which input feeds it (default: the first)")
    columns: dict[Identifier, ColumnSpec] = Field(min_length=1)

    def column_mappings(self) -> dict[str, ColumnMapping]:
        """Every column as a :class:`ColumnMapping` (a bare string is shorthand for ``from:``)."""
        return {
            name: spec if isinstance(spec, ColumnMapping) else ColumnMapping(source=spec)
            for name, spec in self.columns.items()
        }


class ImportMapping(Spec):
    """A whole mapping file."""

    description: NonEmptyText
    inputs: dict[Identifier, InputFile] = Field(
        default={"export": InputFile(description="the export file")}, min_length=1, max_length=10
    )
    timezone: TimeZoneName = Field(
        default=DEFAULT_TIMEZONE,
        description="the time zone of date-times written without an offset; stored as Asia/Tokyo time",
    )
    date_formats: list[DateFormat] = Field(
        default=[], description="strptime formats tried after ISO 8601 and before the built-in ones"
    )
    tables: list[TableMapping] = Field(min_length=1)

    def input_of(self, table: TableMapping) -> str:
        return table.input or next(iter(self.inputs))
