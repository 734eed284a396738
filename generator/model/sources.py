"""The canonical data tables (leads, activities, …): columns, types, personal fields and table checks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from .base import CurrencyCode, Identifier, NonEmptyText, ShortText, Spec

ColumnType = Literal["string", "integer", "float", "boolean", "timestamp", "date"]


class Column(Spec):
    name: Identifier
    type: ColumnType
    description: ShortText
    nullable: bool = True
    personal: bool = Field(default=False, description="Personal data: never leaves the engine")
    allowed: list[str] = []
    currency: CurrencyCode | None = Field(
        default=None, description="A money column's currency (ISO 4217); JPY when omitted"
    )


CheckSeverity = Literal["error", "warning"]


class DeclaredCheck(Spec):
    """What every table check has: how bad a failure is.

    ``error`` (the default) fails ``kpi check --data`` and marks every KPI that reads the checked
    table or column as 「データに問題あり」 on the site instead of showing its value; ``warning`` is
    reported (it fails ``kpi check --data --strict`` only) and leaves the KPIs' values as measured.
    """

    severity: CheckSeverity = Field(
        default="error", description="error: fails the data check and blocks the KPIs it feeds"
    )


class UniqueCheck(DeclaredCheck):
    check: Literal["unique"]
    column: Identifier


class NotNullCheck(DeclaredCheck):
    check: Literal["not_null"]
    column: Identifier


class AllowedValuesCheck(DeclaredCheck):
    check: Literal["allowed_values"]
    column: Identifier


class NotInFutureCheck(DeclaredCheck):
    check: Literal["not_in_future"]
    column: Identifier


class OrderedCheck(DeclaredCheck):
    """``before`` must not be later than ``after`` on the same row (MQL before SQL)."""

    check: Literal["ordered"]
    before: Identifier
    after: Identifier


class ReferencesCheck(DeclaredCheck):
    check: Literal["references"]
    column: Identifier
    table: Identifier
    to: Identifier


class FreshnessCheck(DeclaredCheck):
    check: Literal["freshness"]
    column: Identifier
    max_age_days: int = Field(ge=1, le=366)


class RowCountCheck(DeclaredCheck):
    check: Literal["row_count"]
    min: int = Field(ge=0, le=1_000_000_000_000)
    max: int | None = Field(default=None, ge=0, le=1_000_000_000_000)


class FiniteCheck(DeclaredCheck):
    """Every value of a numeric column is a finite number: no NaN or ±infinity, and no empty value
    where the column is declared ``nullable: false`` (an empty amount silently drops out of a sum)."""

    check: Literal["finite"]
    column: Identifier


class BetweenCheck(DeclaredCheck):
    """Every value of a numeric column lies within ``min``..``max`` (e.g. no negative amounts)."""

    check: Literal["between"]
    column: Identifier
    min: float | None = None
    max: float | None = None


TableCheck = Annotated[
    UniqueCheck
    | NotNullCheck
    | AllowedValuesCheck
    | NotInFutureCheck
    | OrderedCheck
    | ReferencesCheck
    | FreshnessCheck
    | RowCountCheck
    | FiniteCheck
    | BetweenCheck,
    Field(discriminator="check"),
]


class Table(Spec):
    id: Identifier
    description: NonEmptyText
    primary_key: Identifier
    columns: list[Column] = Field(min_length=1)
    checks: list[TableCheck] = []

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


class Sources(Spec):
    """All canonical tables and where their files live (Parquet or CSV under ``path``)."""

    path: ShortText = "data"
    as_of: ShortText | None = Field(default=None, description="Fixed as-of date for the sample (ISO date)")
    tables: list[Table] = Field(min_length=1)


DATA_FORMATS = ("parquet", "csv")  # the order a table's file is looked for


def locate_data_files(data_dir: Path, tables: Iterable[Table]) -> dict[str, Path]:
    """Each table's file, ``<data_dir>/<table>.parquet`` before ``.csv``; absent tables are left out."""
    found: dict[str, Path] = {}
    for table in tables:
        for suffix in DATA_FORMATS:
            path = data_dir / f"{table.id}.{suffix}"
            if path.is_file():
                found[table.id] = path
                break
    return found
