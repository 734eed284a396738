"""Plan the table checks declared in definitions/sources.yml: a summary frame and a GX expectation each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlglot import exp

from ..engine.backend import Backend
from ..model.issue import Location
from ..model.project import Loaded
from ..model.sources import (
    AllowedValuesCheck,
    BetweenCheck,
    FiniteCheck,
    FreshnessCheck,
    NotInFutureCheck,
    NotNullCheck,
    OrderedCheck,
    ReferencesCheck,
    RowCountCheck,
    Sources,
    Table,
    TableCheck,
    UniqueCheck,
)
from . import messages, summaries
from .absent import as_warning, not_imported, table_not_imported
from .data_files import OpenTable, UnreadableTable, open_tables
from .examples import orphan_examples, orphans_query, quoted, with_examples
from .implied import ImpliedCheck
from .imported import imported_steps
from .plan import Planned, Step, Target

TEMPORAL_TYPES = ("timestamp", "date")
NUMERIC_TYPES = ("integer", "float")
Reason = tuple[str, str]


@dataclass
class Frames:
    """Runs each summary query once; checks sharing a query (not_in_future, freshness) share the frame."""

    backend: Backend
    fetched: dict[str, pd.DataFrame] = field(default_factory=dict)

    def get(self, query: exp.Select) -> tuple[str, pd.DataFrame]:
        key = query.sql(dialect=self.backend.dialect)
        if key not in self.fetched:
            self.fetched[key] = _dates_as_dates(self.backend.fetch(query))
        return key, self.fetched[key]


def _dates_as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Days as ``datetime.date`` objects: GX compares those with the ISO dates in an expectation."""
    for name in frame.columns:
        if frame[name].dtype.kind == "M":
            frame[name] = frame[name].dt.date
    return frame


@dataclass(frozen=True)
class TableContext:
    """What planning one table's checks needs to know."""

    sources: Loaded[Sources]
    index: int
    data: OpenTable | UnreadableTable
    tables: Mapping[str, OpenTable | UnreadableTable]
    frames: Frames
    as_of: dt.date

    @property
    def table(self) -> Table:
        return self.data.table


def plan_table_checks(
    sources: Loaded[Sources],
    backend: Backend,
    data_dir: Path,
    as_of: dt.date,
    implied: Mapping[str, list[ImpliedCheck]] | None = None,
    read: Set[tuple[str, str]] = frozenset(),
) -> list[Step]:
    """One schema result per table, then one step per declared check in declaration order, then the
    checks the catalogue implies for that table (see :mod:`.implied`), then those an import needs on
    the columns the KPIs ``read`` (see :mod:`.imported`)."""
    tables = open_tables(backend, data_dir, sources.spec.tables)
    frames = Frames(backend)
    steps: list[Step] = []
    seen: set[str] = set()
    for index, table in enumerate(sources.spec.tables):
        context = TableContext(sources, index, tables[table.id], tables, frames, as_of)
        steps.append(_schema(context))
        declared = [
            (check, sources.at("tables", index, "checks", position))
            for position, check in enumerate(table.checks)
        ]
        extra = [(item.check, item.location) for item in (implied or {}).get(table.id, [])]
        for position, (check, location) in enumerate([*declared, *extra]):
            target = _target(context, position, check, location, seen)
            steps.append(_blocked(context, target, check) or _plan(context, target, check))
        steps.extend(imported_steps(context, read, seen))
    return steps


def _target(
    context: TableContext, position: int, check: TableCheck, location: Location, seen: set[str]
) -> Target:
    table = context.table.id
    if isinstance(check, OrderedCheck):
        column: str | None = check.after
        check_id = f"table:{table}:ordered:{check.before}:{check.after}"
    elif isinstance(check, RowCountCheck):
        column, check_id = None, f"table:{table}:row_count"
    else:
        column, check_id = check.column, f"table:{table}:{check.check}:{check.column}"
    if check_id in seen:  # the same check declared twice: keep both results apart
        check_id = f"{check_id}#{position + 1}"
    seen.add(check_id)
    return Target(check_id, "table", table, check.check, column, location, check.severity)


def _schema(context: TableContext) -> Step:
    """Whether the table's file could be read as declared; the engine's file checks decide."""
    table, data = context.table, context.data
    location = context.sources.at("tables", context.index, "columns")
    target = Target(f"table:{table.id}:schema", "table", table.id, "schema", None, location)
    if not_imported(data):
        return as_warning(target.result(False, table_not_imported(table.id)))
    if isinstance(data, UnreadableTable):
        return target.result(False, data.problem)
    columns = len(data.columns)
    return target.result(True, messages.schema_ok(table.id, data.file, columns), 0, columns)


def _needed_columns(check: TableCheck) -> tuple[str, ...]:
    if isinstance(check, OrderedCheck):
        return (check.before, check.after)
    if isinstance(check, RowCountCheck):
        return ()
    return (check.column,)


def _blocked(context: TableContext, target: Target, check: TableCheck) -> Step | None:
    """A failing result when the data cannot answer the check: a bad file, an unusable column."""
    reason = _blocking_reason(context, check)
    if reason is None:
        return None
    where = f"{context.table.id}.{target.column}" if target.column else context.table.id
    result = target.result(False, messages.blocked(where, target.rule, *reason))
    return as_warning(result) if not_imported(context.data) else result


def _blocking_reason(context: TableContext, check: TableCheck) -> Reason | None:
    data = context.data
    if not_imported(data):
        return ("データが取り込まれていない", "no data has been imported")
    if isinstance(data, UnreadableTable):
        return ("データファイルに問題がある (schema を参照)", "the data file has a problem (see schema)")
    for name in _needed_columns(check):
        reason = _unusable_column(context.table, data, name, check)
        if reason is not None:
            return reason
    if isinstance(check, AllowedValuesCheck) and not _allowed(context.table, check.column):
        return ("sources.yml に allowed の一覧がない", "sources.yml lists no `allowed` values")
    if isinstance(check, ReferencesCheck):
        return _unusable_reference(context.tables, check)
    return None


def _unusable_column(table: Table, data: OpenTable, name: str, check: TableCheck) -> Reason | None:
    declared = table.column(name)
    if declared is None:
        return (
            f"列 {name} が sources.yml に定義されていない",
            f"column {name} is not declared in sources.yml",
        )
    if declared.personal:
        return (f"列 {name} は個人情報で読み込まない", f"column {name} is personal data and never read")
    if name not in data.columns:
        return (f"列 {name} がデータにない", f"column {name} is not in the data")
    if isinstance(check, NotInFutureCheck | FreshnessCheck) and declared.type not in TEMPORAL_TYPES:
        return (f"列 {name} が日時型でない", f"column {name} is not a timestamp")
    if isinstance(check, OrderedCheck) and declared.type not in (*TEMPORAL_TYPES, "integer", "float"):
        return (f"列 {name} が日時でも数値でもない", f"column {name} is neither a timestamp nor a number")
    if isinstance(check, FiniteCheck | BetweenCheck) and declared.type not in NUMERIC_TYPES:
        return (f"列 {name} が数値型でない", f"column {name} is not a number")
    return None


def _unusable_reference(
    tables: Mapping[str, OpenTable | UnreadableTable], check: ReferencesCheck
) -> Reason | None:
    parent = tables.get(check.table)
    if parent is None:
        return (f"テーブル {check.table} が sources.yml にない", f"table {check.table} is not in sources.yml")
    if isinstance(parent, UnreadableTable):
        return (f"{check.table} のデータファイルに問題がある", f"the {check.table} data file has a problem")
    if check.to not in parent.columns:
        return (
            f"列 {check.table}.{check.to} が使えない",
            f"column {check.table}.{check.to} is not available",
        )
    return None


def _plan(context: TableContext, target: Target, check: TableCheck) -> Planned:
    table, as_of = context.table.id, context.as_of

    def planned(
        query: exp.Select, expectation: str, kwargs: dict[str, object], explain: messages.Explain
    ) -> Planned:
        key, frame = context.frames.get(query)
        return Planned(target, key, frame, expectation, kwargs, explain, weight=summaries.WEIGHT)

    if isinstance(check, UniqueCheck):
        return planned(
            summaries.multiplicity(table, check.column),
            "expect_column_values_to_be_between",
            {"column": "multiplicity", "max_value": 1},
            messages.unique(table, check.column),
        )
    if isinstance(check, NotNullCheck):
        return planned(
            summaries.presence(table, check.column),
            "expect_column_values_to_not_be_null",
            {"column": "present"},
            messages.not_null(table, check.column),
        )
    if isinstance(check, AllowedValuesCheck):
        allowed = _allowed(context.table, check.column)
        query = summaries.values(table, check.column)
        found = context.frames.get(query)[1]
        outside = found[~found["value"].isin(allowed)]  # unknown labels, the commonest shown
        return planned(
            query,
            "expect_column_values_to_be_in_set",
            {"column": "value", "value_set": allowed},
            with_examples(
                messages.allowed_values(table, check.column, allowed),
                quoted(zip(outside["value"].astype(str), outside[summaries.WEIGHT].astype(int), strict=True)),
            ),
        )
    if isinstance(check, NotInFutureCheck):
        return planned(
            summaries.days(table, check.column),
            "expect_column_values_to_be_between",
            {"column": "day", "max_value": as_of.isoformat()},
            messages.not_in_future(table, check.column, as_of),
        )
    if isinstance(check, FreshnessCheck):
        oldest_allowed = as_of - dt.timedelta(days=check.max_age_days)
        return planned(
            summaries.days(table, check.column),
            "expect_column_max_to_be_between",
            {"column": "day", "min_value": oldest_allowed.isoformat()},
            messages.freshness(table, check.column, as_of, check.max_age_days),
        )
    if isinstance(check, OrderedCheck):
        return planned(
            summaries.order(table, check.before, check.after),
            "expect_column_values_to_be_between",
            {"column": "direction", "min_value": 0},
            messages.ordered(table, check.before, check.after),
        )
    if isinstance(check, ReferencesCheck):
        query = summaries.references(table, check.column, check.table, check.to)
        found = context.frames.get(query)[1]
        missing = None  # only a failing check looks for examples (and near matches)
        if not found["found"].fillna(True).astype(bool).all():
            orphans = context.frames.get(orphans_query(table, check.column, check.table, check.to))[1]
            missing = orphan_examples(orphans)
        return planned(
            query,
            "expect_column_values_to_be_in_set",
            {"column": "found", "value_set": [True]},
            with_examples(messages.references(table, check.column, check.table, check.to), missing),
        )
    if isinstance(check, FiniteCheck):
        declared = context.table.column(check.column)
        required = declared is not None and not declared.nullable
        file = context.data.file.name if context.data.file else table
        return planned(
            summaries.finite(table, check.column, required=required),
            "expect_column_values_to_be_in_set",
            {"column": "finite", "value_set": [True]},
            messages.finite(table, check.column, file, required=required),
        )
    if isinstance(check, BetweenCheck):
        return planned(
            summaries.within(table, check.column, check.min, check.max),
            "expect_column_values_to_be_in_set",
            {"column": "within", "value_set": [True]},
            messages.between(table, check.column, check.min, check.max),
        )
    return planned(
        summaries.row_count(table),
        "expect_column_sum_to_be_between",
        {"column": summaries.WEIGHT, "min_value": check.min, "max_value": check.max},
        messages.row_count(table, check.min, check.max),
    )


def _allowed(table: Table, column: str) -> list[str]:
    declared = table.column(column)
    return list(declared.allowed) if declared else []
