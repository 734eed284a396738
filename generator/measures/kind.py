"""What a measure kind binds: how it is measured, what it reads and references, and how it reads aloud."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from markupsafe import Markup

from ..loading.safe_yaml import Path_
from ..model.base import Spec
from ..model.kpi import Kpi
from ..model.project import Project
from ..model.sources import Table

if TYPE_CHECKING:  # the engine loads pandas and DuckDB, which the rules never need (see __init__)
    import pandas as pd
    from sqlglot import exp

    from ..engine.batches import VolumeBatches
    from ..engine.cohorts import BusinessHours
    from ..engine.errors import MeasureError
    from ..engine.scope import Cell, Cells, Key, Scope

    Shared = Mapping[tuple[Scope, Any], Cells | MeasureError]

SpecT = TypeVar("SpecT", bound=Spec)
Expects = Literal["timestamp", "numeric", "any"]
COMPUTE: Path_ = ("compute",)


@dataclass(frozen=True)
class ColumnUse:
    """A column a measure reads, where it is written, and what type it must have."""

    table: str
    column: str
    path: Path_
    expects: Expects


@dataclass(frozen=True)
class TableRead:
    """A table a definition names (at ``path``), the columns it reads there and its row filter."""

    table: str
    path: Path_
    columns: tuple[ColumnUse, ...]
    filter: str | None = None


class Measurer(Protocol):
    """What a kind may ask of the evaluator while it measures one KPI in one scope."""

    @property
    def project(self) -> Project: ...

    @property
    def tables(self) -> Mapping[str, Table]: ...

    @property
    def hours(self) -> BusinessHours: ...

    @property
    def volumes(self) -> VolumeBatches: ...

    def fetch(self, query: exp.Expr) -> pd.DataFrame: ...

    def cells(self, kpi_id: str, scope: Scope) -> Cells: ...

    def default(self, kpi_id: str, key: Key, scope: Scope) -> Cell: ...

    def has_values(self, table: str, column: str) -> bool: ...

    def shared(self, batch: SharedBatch, spec: Hashable, scope: Scope) -> Cells: ...

    def scores(self, sla_id: str) -> pd.DataFrame: ...

    def judged_handoffs(self, sla_id: str) -> pd.DataFrame: ...


class SharedBatch(Protocol):
    """Measures many (spec, scope) pairs of its kinds at once, so a table is scanned once for all."""

    def measure(self, measurer: Measurer, wanted: Sequence[tuple[Any, Scope]]) -> Shared: ...


class Phrases(Protocol):
    """The formula writer's vocabulary: tables, columns and events by their descriptions; links."""

    @property
    def project(self) -> Project: ...

    def noun(self, table_id: str) -> str: ...

    def column(self, table_id: str, column_name: str) -> Markup: ...

    def event(self, table_id: str, column_name: str) -> Markup: ...

    def row_filter(self, table_id: str, text: str | None) -> Markup: ...

    def kpi_name(self, kpi_id: str) -> Markup: ...

    def sla(self, sla_id: str) -> Markup: ...


class MeasureKind(ABC, Generic[SpecT]):
    """One ``compute.measure``: everything the engine, the rules and the pages need to know about it."""

    batch: SharedBatch | None = None
    """Measured with others of its kind before any KPI is (None: one KPI and scope at a time)."""
    shows_fraction: bool = True
    """Its points and segments carry numerator and denominator (volumes carry the value alone)."""
    additive: bool = False
    """Its value adds up across segments (counts and sums): what suppression must keep from subtraction."""
    sums_over_time: bool = False
    """A longer period's value is the sum of its shorter periods' (a month's share of an annual target)."""

    @abstractmethod
    def measure(self, measurer: Measurer, kpi: Kpi, spec: SpecT, scope: Scope) -> Cells:
        """The KPI's cells in ``scope``; raises MeasureError when it cannot be measured."""

    @abstractmethod
    def default(self, measurer: Measurer, kpi: Kpi, spec: SpecT, key: Key, scope: Scope) -> Cell:
        """The value of a period without any rows."""

    @abstractmethod
    def table_reads(self, spec: SpecT, path: Path_) -> Iterator[TableRead]:
        """The tables the definition names, with their columns and filters (REF001–REF003, PII001)."""

    @abstractmethod
    def formula(self, phrases: Phrases, spec: SpecT, kpi: Kpi, grain: str) -> Markup:
        """The computation read aloud in Japanese (``grain``: 月, 四半期, …)."""

    def data_tables(self, spec: SpecT) -> frozenset[str]:
        """Tables the measurement reads from the data files (by default the ones it names)."""
        return frozenset(read.table for read in self.table_reads(spec, COMPUTE))

    def kpi_references(self, spec: SpecT, kpi: Kpi) -> Iterator[tuple[str, Path_]]:
        """Other KPIs it is computed from, each with where it is named."""
        return iter(())

    def sla_references(self, spec: SpecT) -> Iterator[tuple[str, Path_]]:
        """SLAs it reads (a contract or a business calendar), each with where it is named."""
        return iter(())

    def maturity_days(self, spec: SpecT) -> int:
        """Days after a period ends before its value stops changing: a cohort's conversion window."""
        return 0

    def parts(self, spec: SpecT) -> Iterator[Hashable]:
        """Measures inside this one that a batch may measure ahead (a ratio's counts and sums)."""
        return iter(())


def key_order(key: Key) -> tuple[dt.date, str]:
    """Cells in period order, then segment order (the overall cell first)."""
    return key[0], key[1] or ""


def volume_default() -> Cell:
    """A volume's period without rows: 0."""
    from ..engine.scope import Cell

    return Cell(0.0, support=0.0)


def rate_default() -> Cell:
    """A rate's period without rows: no value, an empty numerator and denominator."""
    from ..engine.scope import Cell

    return Cell(None, 0.0, 0.0, 0.0)


def duration_default() -> Cell:
    """A duration's period without rows: no value, no rows measured."""
    from ..engine.scope import Cell

    return Cell(None, None, 0.0, 0.0)
