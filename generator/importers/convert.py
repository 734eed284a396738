"""One canonical table from one export, in one DuckDB query: rename, map values, derive, type, judge rows.

Each column goes through three steps, each a column of the query: its text (the export's column,
renamed; the first non-empty of several; a constant; a value from another input by id; kept only
where a condition holds), its mapped value (``Closed Won`` → ``closed_won``; allowed values match
ignoring case), and its typed value (a date, a number, a boolean). A row is rejected with the first
problem found in the declared column order: a value that does not map or does not read as its type,
an empty required value, or a repeated primary key (the first occurrence is kept). Written rows keep
the export's order, so the same export always gives the same table.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..model.imports import ColumnMapping, ImportMapping
from ..model.sources import Column, Table
from ..sample.writer import ARROW_TYPES
from .dates import timestamp_sql
from .mapping import LoadedMapping
from .problems import ImportFailure
from .reading import ROW, InputTable, header_key
from .sql_text import ident, lit, normalised, text_list
from .values import boolean_sql, canonical_text, integer_sql, mapped_sql, number_sql

MAX_EXAMPLES = 3


@dataclass(frozen=True)
class Converted:
    """A canonical table's rows, and every rejected row as (row number, reason, column)."""

    table: pa.Table
    rejected: list[tuple[int, str, str | None]]
    examples: dict[tuple[str, str], list[str]]  # (reason, column) → a few of the export's values
    not_provided: tuple[str, ...]  # declared columns the mapping does not fill (left empty)


def input_relation(name: str) -> str:
    return ident(f"input_{name}")


def convert_table(
    connection: duckdb.DuckDBPyConnection,
    mapping: LoadedMapping,
    index: int,
    table: Table,
    inputs: Mapping[str, InputTable],
    personal_sources: set[str],
) -> Converted:
    """Run the table's query on ``connection`` (inputs registered as ``input_<name>``)."""
    table_mapping = mapping.spec.tables[index]
    source = inputs[mapping.spec.input_of(table_mapping)]
    columns = table_mapping.column_mappings()
    builder = _QueryBuilder(mapping, index, source, inputs)
    steps = [
        _ColumnSteps.of(number, table.column(name), spec, builder, mapping.spec)
        for number, (name, spec) in enumerate(columns.items())
        if table.column(name) is not None
    ]
    by_order = sorted(steps, key=lambda step: [c.name for c in table.columns].index(step.column.name))
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE judged AS {_query(builder, by_order, table)}"
    ).fetchall()
    written = connection.sql(
        "SELECT "
        + ", ".join(f"x{step.number} AS {ident(step.column.name)}" for step in by_order)
        + f" FROM judged WHERE __reason IS NULL ORDER BY {ROW}"
    ).to_arrow_table()
    rejected = [
        (int(row), str(reason), None if column is None else str(column))
        for row, reason, column in connection.execute(
            f"SELECT {ROW}, __reason, __column FROM judged WHERE __reason IS NOT NULL ORDER BY {ROW}"
        ).fetchall()
    ]
    examples = _examples(connection, by_order, personal_sources)
    provided = {step.column.name for step in steps}
    not_provided = tuple(c.name for c in table.columns if c.name not in provided and not c.personal)
    return Converted(_canonical(written, table, provided), rejected, examples, not_provided)


class _QueryBuilder:
    """Resolves the export's column names and collects the look-up joins a table needs."""

    def __init__(
        self, mapping: LoadedMapping, index: int, source: InputTable, inputs: Mapping[str, InputTable]
    ) -> None:
        self.mapping = mapping
        self.index = index
        self.source = source
        self.inputs = inputs
        self.joins: dict[tuple[str, str, str], tuple[str, list[str]]] = {}

    def resolve(
        self, table_input: InputTable, name: str, where: tuple[str | int, ...], optional: bool
    ) -> str | None:
        """The Arrow column holding the export's ``name`` (case, width and spacing ignored)."""
        wanted = header_key(name)
        names: list[str] = table_input.table.column_names
        for written, actual in zip(table_input.columns, names, strict=False):
            if header_key(written) == wanted:
                return actual
        if optional:
            return None
        near = difflib.get_close_matches(name, list(table_input.columns), n=1, cutoff=0.6)
        hint_ja = f"(近い列:「{near[0]}」)" if near else ""
        hint_en = f" (closest: '{near[0]}')" if near else ""
        at = self.mapping.where(("tables", self.index, "columns", *where))
        raise ImportFailure.one(
            f"{at}: 列「{name}」が {table_input.file} にありません{hint_ja}"
            " — マッピングの列名を直すか、optional: true にしてください",
            f"{at}: column '{name}' is not in {table_input.file}{hint_en}"
            " — fix the name in the mapping or mark it optional: true",
        )

    def resolve_any(
        self, table_input: InputTable, names: list[str], column: str, optional: bool
    ) -> list[str | None]:
        """Each of ``names`` that the export has; several names are alternatives, one of which must exist."""
        found = [self.resolve(table_input, n, (column, "from"), True) for n in names]
        if not optional and all(f is None for f in found):
            self.resolve(table_input, names[0], (column, "from"), False)  # raises, naming the closest column
        return found

    def text(self, name: str, spec: ColumnMapping) -> str:
        """The column's text step: the export's value(s), a look-up, or a constant; then ``when``."""
        if spec.value is not None:
            return lit(canonical_text(spec.value))
        names = spec.source if isinstance(spec.source, list) else [spec.source or ""]
        if spec.lookup is not None:
            other = self.inputs[spec.lookup.input]
            key = self.resolve(other, spec.lookup.key, (name, "lookup", "key"), False)
            match = self.resolve(self.source, spec.lookup.match, (name, "lookup", "match"), False)
            assert key is not None and match is not None
            join = self.joins.setdefault((spec.lookup.input, key, match), (f"lk{len(self.joins)}", []))
            found = self.resolve_any(other, names, name, spec.optional)
            parts = []
            for column in found:
                if column is not None:
                    join[1].append(column)
                    parts.append(f"{join[0]}.c{len(join[1]) - 1}")
        else:
            found = self.resolve_any(self.source, names, name, spec.optional)
            parts = [f"nullif(trim(src.{ident(c)}), '')" for c in found if c is not None]
        text = f"coalesce({', '.join(parts)})" if parts else "CAST(NULL AS VARCHAR)"
        if spec.when is not None:
            condition = self.resolve(self.source, spec.when.column, (name, "when", "column"), False)
            assert condition is not None
            chosen = text_list([v.strip().lower() for v in spec.when.values])
            text = f"CASE WHEN {normalised('src.' + ident(condition))} IN {chosen} THEN {text} END"
        return text

    def from_clause(self) -> str:
        clause = f"{input_relation(self.source.name)} AS src"
        for (input_name, key, match), (alias, columns) in self.joins.items():
            picked = ", ".join(
                f"arg_min(nullif(trim({ident(c)}), ''), {ROW}) AS c{i}" for i, c in enumerate(columns)
            )
            keyed = f"trim({ident(key)})"
            clause += (
                f" LEFT JOIN (SELECT {keyed} AS k, {picked or 'NULL AS c0'} FROM {input_relation(input_name)}"
                f" WHERE nullif({keyed}, '') IS NOT NULL GROUP BY 1) AS {alias}"
                f" ON {alias}.k = trim(src.{ident(match)})"
            )
        return clause


@dataclass(frozen=True)
class _ColumnSteps:
    """The SQL of one column's three steps and of its problem."""

    number: int
    column: Column
    text: str
    mapped: str
    typed: str
    unmapped: str  # SQL true where a value has no mapping
    required: bool
    sources: tuple[str, ...]

    @classmethod
    def of(
        cls,
        number: int,
        column: Column | None,
        spec: ColumnMapping,
        builder: _QueryBuilder,
        whole: ImportMapping,
    ) -> _ColumnSteps:
        assert column is not None
        text = builder.text(column.name, spec)
        t = f"t{number}"
        table_of_values = {a.strip().lower(): a for a in column.allowed}
        table_of_values.update({k.strip().lower(): canonical_text(v) for k, v in spec.values.items()})
        default = lit(canonical_text(spec.default)) if spec.default is not None else None
        if table_of_values:
            mapped = mapped_sql(t, table_of_values)
            unmapped = "false" if default else f"({t} IS NOT NULL AND {mapped} IS NULL)"
        else:
            mapped, unmapped = t, "false"
        if default:
            mapped = f"coalesce({mapped}, {default})"
        formats = [*spec.date_formats, *whole.date_formats]
        sources = spec.source if isinstance(spec.source, list) else [spec.source] if spec.source else []
        return cls(
            number,
            column,
            text,
            mapped,
            _typed(f"v{number}", column, formats, whole.timezone),
            unmapped,
            spec.required if spec.required is not None else not column.nullable,
            tuple(header_key(s) for s in sources),
        )

    @property
    def unreadable(self) -> str:
        return {
            "timestamp": "unreadable_date",
            "date": "unreadable_date",
            "float": "unreadable_number",
            "integer": "unreadable_number",
            "boolean": "unreadable_boolean",
            "string": "unreadable_text",
        }[self.column.type]


def _typed(value: str, column: Column, formats: list[str], timezone: str) -> str:
    if column.type == "timestamp":
        return timestamp_sql(value, formats, timezone)
    if column.type == "date":
        return f"CAST({timestamp_sql(value, formats, timezone)} AS DATE)"
    if column.type == "float":
        return number_sql(value)
    if column.type == "integer":
        return integer_sql(value)
    if column.type == "boolean":
        return boolean_sql(value)
    return value


def _query(builder: _QueryBuilder, steps: list[_ColumnSteps], table: Table) -> str:
    texts = ", ".join(f"{step.text} AS t{step.number}" for step in steps)
    from_clause = builder.from_clause()  # after the texts: they register the look-up joins
    mapped = ", ".join(
        f"{step.mapped} AS v{step.number}, {step.unmapped} AS u{step.number}" for step in steps
    )
    typed = ", ".join(f"{step.typed} AS x{step.number}" for step in steps)
    problems: list[tuple[str, str, str]] = []
    for step in steps:
        problems.append((f"u{step.number}", "unmapped_value", step.column.name))
        problems.append(
            (f"(v{step.number} IS NOT NULL AND x{step.number} IS NULL)", step.unreadable, step.column.name)
        )
        if step.required:
            problems.append((f"x{step.number} IS NULL", "missing_value", step.column.name))
    reason = (
        "CASE " + " ".join(f"WHEN {c} THEN {lit(r)}" for c, r, _ in problems) + " END" if problems else "NULL"
    )
    column = (
        "CASE " + " ".join(f"WHEN {c} THEN {lit(n)}" for c, _, n in problems) + " END" if problems else "NULL"
    )
    key = next((f"x{s.number}" for s in steps if s.column.name == table.primary_key), None)
    # A repeated primary key: the first row (in the export's order) is kept, the others rejected.
    repeated = (
        f"__reason IS NULL AND row_number() OVER (PARTITION BY __reason IS NULL, {key} ORDER BY {ROW}) > 1"
        if key
        else "false"
    )
    carried = ", ".join(f"t{s.number}, x{s.number}" for s in steps)
    return (
        f"WITH t AS (SELECT src.{ROW}, {texts} FROM {from_clause}),"
        f" v AS (SELECT *, {mapped} FROM t),"
        f" x AS (SELECT *, {typed} FROM v),"
        f" j AS (SELECT {ROW}, {carried}, {reason} AS __reason, {column} AS __column FROM x),"
        f" k AS (SELECT *, {repeated} AS __repeated FROM j)"
        f" SELECT {ROW}, {carried},"
        f" CASE WHEN __repeated THEN 'duplicate_key' ELSE __reason END AS __reason,"
        f" CASE WHEN __repeated THEN {lit(table.primary_key)} ELSE __column END AS __column FROM k"
    )


def _examples(
    connection: duckdb.DuckDBPyConnection,
    steps: list[_ColumnSteps],
    personal_sources: set[str],
) -> dict[tuple[str, str], list[str]]:
    """A few export values behind each value problem, never from a column that holds personal data."""
    found: dict[tuple[str, str], list[str]] = {}
    for step in steps:
        if step.column.personal or set(step.sources) & personal_sources:
            continue
        rows = connection.execute(
            f"SELECT __reason, list(DISTINCT t{step.number} ORDER BY t{step.number})[1:{MAX_EXAMPLES}]"
            f" FROM judged WHERE __column = {lit(step.column.name)}"
            " AND __reason IN ('unmapped_value', 'unreadable_date', 'unreadable_number',"
            " 'unreadable_boolean')"
            f" AND t{step.number} IS NOT NULL GROUP BY 1 ORDER BY 1"
        ).fetchall()
        for reason, values in rows:
            found[(str(reason), step.column.name)] = [str(v)[:60] for v in values]
    return found


def _canonical(written: pa.Table, table: Table, provided: set[str]) -> pa.Table:
    """Every declared column in declared order and type; personal ones only when the mapping fills them."""
    arrays, fields = [], []
    for column in table.columns:
        if column.personal and column.name not in provided:
            continue
        arrow_type = ARROW_TYPES[column.type]
        if column.name in written.column_names:
            arrays.append(written.column(column.name).cast(arrow_type))
        else:
            arrays.append(pa.nulls(written.num_rows, type=arrow_type))
        fields.append(pa.field(column.name, arrow_type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
