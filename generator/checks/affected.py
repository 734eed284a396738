"""Which KPIs a failed data check makes untrustworthy: a pure map from a check report to KPI ids.

A KPI is affected by a failed **error-level** table check when it reads what the check guards:

- a check on the whole table (``schema``, ``row_count``, ``unique`` on the primary key — a duplicated
  row is counted twice by every measure) affects every KPI that reads the table;
- a check on columns (``finite``, ``between``, ``not_null``, ``not_in_future``, ``ordered``…) affects
  the KPIs that read one of those columns: the measured column, the time column, a filter's columns;
- a KPI computed from other KPIs (a ratio of KPIs, a derived expression) is affected by what affects
  them.

Warning-level checks, ``freshness`` (old data is not wrong data: the latest period's own checks say
when it is incomplete) and the KPIs' own series checks never block a value (see ``DeclaredCheck``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..measures.registry import kind_of
from ..model.check_result import CheckReport, CheckResult
from ..model.kpi import Kpi
from ..model.project import Project
from ..rules.uses import kpi_references, parsed_filter, table_reads

WHOLE_TABLE = "*"  # a read of, or a check on, every column of a table

Reads = frozenset[tuple[str, str]]  # (table, column or WHOLE_TABLE)


@dataclass(frozen=True)
class DataProblem:
    """A failed check that blocks a KPI's value: what the site names instead of the number."""

    check_id: str
    table: str
    rule: str
    column: str | None

    @property
    def name(self) -> str:
        """``deals.amount_yen (finite)``: where and which check, as the check report names it."""
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where} ({self.rule})"


def direct_reads(kpi: Kpi) -> Reads:
    """The (table, column) pairs a KPI's own measure reads, filters included; not other KPIs'."""
    reads: set[tuple[str, str]] = set()
    named = set()
    for read in table_reads(kpi):
        named.add(read.table)
        reads.update((use.table, use.column) for use in read.columns)
        parsed = parsed_filter(read.filter) if read.filter else None
        reads.update((read.table, column) for column in (parsed.columns if parsed else ()))
    # Tables a kind reads whole (lead keys, activity streams: SLA compliance, scoring, engagement), not
    # by named columns: any failed check on them concerns the KPI.
    for table in kind_of(kpi.compute).data_tables(kpi.compute) - named:
        reads.add((table, WHOLE_TABLE))
    return frozenset(reads)


def checked(result: CheckResult, primary_keys: Mapping[str, str]) -> Reads:
    """The (table, column) pairs a table check guards; WHOLE_TABLE when it guards every row's use."""
    table = result.subject
    if result.column is None or (result.rule == "unique" and primary_keys.get(table) == result.column):
        return frozenset({(table, WHOLE_TABLE)})
    if result.rule == "ordered":  # "table:leads:ordered:mql_at:sql_at" (maybe "#2"): both columns
        before = result.check_id.split("#")[0].split(":")[3]
        return frozenset({(table, before), (table, result.column)})
    return frozenset({(table, result.column)})


def overlaps(reads: Reads, guarded: Reads) -> bool:
    for table, column in guarded:
        if column == WHOLE_TABLE and any(t == table for t, _ in reads):
            return True
        if (table, column) in reads or (table, WHOLE_TABLE) in reads:
            return True
    return False


def data_problems(report: CheckReport, project: Project) -> dict[str, tuple[DataProblem, ...]]:
    """KPI id → the failed error-level checks that block its value (KPIs without any left out)."""
    blocking = [result for result in report.results if result.blocks_kpis]
    if not blocking:
        return {}
    keys = {t.id: t.primary_key for t in project.sources.spec.tables} if project.sources else {}
    guarded = [(result, checked(result, keys)) for result in blocking]
    direct = {
        item.spec.id: tuple(
            _problem(result) for result, cols in guarded if overlaps(direct_reads(item.spec), cols)
        )
        for item in project.kpis
    }
    found = {kpi_id: _with_inputs(kpi_id, direct, project, ()) for kpi_id in sorted(direct)}
    return {kpi_id: problems for kpi_id, problems in found.items() if problems}


def _problem(result: CheckResult) -> DataProblem:
    return DataProblem(result.check_id, result.subject, result.rule, result.column)


def _with_inputs(
    kpi_id: str,
    direct: Mapping[str, tuple[DataProblem, ...]],
    project: Project,
    visiting: tuple[str, ...],
) -> tuple[DataProblem, ...]:
    """The KPI's own problems and those of the KPIs it is computed from (a cycle is REF007's to report)."""
    item = project.kpi(kpi_id)
    if item is None or kpi_id in visiting:
        return ()
    problems = list(direct.get(kpi_id, ()))
    for other in _referenced(item.spec):
        for problem in _with_inputs(other, direct, project, (*visiting, kpi_id)):
            if problem not in problems:
                problems.append(problem)
    return tuple(sorted(problems, key=lambda p: p.check_id))


def _referenced(kpi: Kpi) -> Iterator[str]:
    for other, _ in kpi_references(kpi):
        yield other
