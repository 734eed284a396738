"""What a KPI needs from the data: tables, columns with values, and the values its filters compare.

A filter ``type = 'email_delivered'`` needs a row of that type: without one, a rate over it would show
0% for a stage the data never records, which reads as a failure rather than as "not imported".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp

from ..measures.kind import COMPUTE
from ..measures.registry import kind_of
from ..model.expressions import ExpressionError, parse_filter
from ..model.kpi import Kpi
from .inventory import DataInventory


@dataclass(frozen=True)
class Need:
    """A table; a column of it that has values; or a row whose column holds one of ``values``."""

    table: str
    column: str | None = None
    values: tuple[str, ...] = ()

    def text(self) -> str:
        if self.column is None:
            return self.table
        if self.values:
            return f"{self.table}.{self.column} = {' / '.join(self.values)}"
        return f"{self.table}.{self.column}"

    def order(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.table, self.column or "", self.values)

    def met(self, data: DataInventory) -> bool:
        if self.column is None:
            return data.has_table(self.table)
        return data.has_any(self.table, self.column, self.values)


def kpi_needs(kpi: Kpi) -> tuple[Need, ...]:
    """Every table, column and compared value the KPI's own measure reads (not the KPIs it builds on)."""
    kind = kind_of(kpi.compute)
    found = {Need(table) for table in kind.data_tables(kpi.compute)}  # also the tables a kind reads itself
    for read in kind.table_reads(kpi.compute, COMPUTE):
        found.add(Need(read.table))
        found |= {Need(use.table, use.column) for use in read.columns}
        if read.filter is not None:
            found |= set(_filter_needs(read.table, read.filter))
    return tuple(sorted(found, key=Need.order))


def unmet(needs: tuple[Need, ...], data: DataInventory) -> tuple[Need, ...]:
    """The needs the data does not meet; the columns of an absent table are said once, as the table."""
    missing = {Need(need.table) if not data.has_table(need.table) else need for need in needs}
    return tuple(sorted((need for need in missing if not need.met(data)), key=Need.order))


def _filter_needs(table: str, text: str) -> Iterator[Need]:
    try:
        parsed = parse_filter(text)
    except ExpressionError:
        return  # FLT001 reports it; the copy keeps the KPI and the rule names the problem
    values = _required_values(parsed.tree)
    # A column the filter tests for null may well be empty ("is_machine_open is null or …"); any other
    # column it reads needs values (a bare "is_target_industry" over an empty column is 0%), and a
    # value it must equal has to occur.
    for column in sorted(parsed.columns - _null_tested(parsed.tree) - set(values)):
        yield Need(table, column)
    for column, texts in sorted(values.items()):
        yield Need(table, column, tuple(sorted(texts)))


def _null_tested(tree: exp.Expression) -> set[str]:
    return {node.this.name for node in tree.find_all(exp.Is) if isinstance(node.this, exp.Column)}


def _required_values(tree: exp.Expression) -> dict[str, set[str]]:
    """Per column, the texts a filter asks it to equal (``=`` and ``in``, outside ``or`` and ``not``):
    a row with one of them must exist."""
    wanted: dict[str, set[str]] = {}
    for node in tree.walk():
        if node.find_ancestor(exp.Not, exp.Or) is not None:
            continue  # under "not" it must not equal; under "or" another branch may hold instead
        if isinstance(node, exp.EQ):
            left, right = node.args.get("this"), node.args.get("expression")
            for column, other in ((left, right), (right, left)):
                if isinstance(column, exp.Column) and isinstance(other, exp.Literal) and other.is_string:
                    wanted.setdefault(column.name, set()).add(str(other.this))
        elif isinstance(node, exp.In) and isinstance(node.args.get("this"), exp.Column):
            texts = {str(i.this) for i in node.expressions if isinstance(i, exp.Literal) and i.is_string}
            if texts:
                wanted.setdefault(node.args["this"].name, set()).update(texts)
    return wanted
