"""Measure kinds: every spec class has one, a missing one stops the run, and a new one is one module.

The toy kind below (the largest value of a column in each period) lives only in this file: registering
it is enough for the rules, the measure stage and the KPI page's formula to handle it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd
import pytest
from markupsafe import Markup
from measure_kit import ROOT, T, kpi, leads, measure, project, values
from sqlglot import exp

from generator.engine.measuring import required_tables
from generator.engine.scope import (
    Cell,
    Cells,
    Key,
    Scope,
    frame_keys,
    group_by_positions,
    group_keys,
    number_or_none,
    source,
    table_columns,
)
from generator.engine.sqlparts import col, in_range
from generator.loading.safe_yaml import Path_
from generator.measures.kind import ColumnUse, MeasureKind, Measurer, Phrases, TableRead
from generator.measures.registry import KINDS, UnregisteredKind, kind_of
from generator.model.base import Identifier, Spec
from generator.model.compute import Compute, Count, Duration, KpiRef, Operand, Sum
from generator.model.kpi import Kpi
from generator.render.formula import FormulaWriter
from generator.render.links import Links
from generator.rules.pii001_personal_column_used import PersonalColumnUsed
from generator.rules.ref001_unknown_table import UnknownTable
from generator.rules.ref002_unknown_column import UnknownColumn
from generator.rules.ref003_column_type import ColumnType


class Largest(Spec):
    """The toy spec: the largest ``column`` of ``table`` over the rows in the period of ``time``."""

    measure: Literal["largest"]
    table: Identifier
    column: Identifier
    time: Identifier


class LargestKind(MeasureKind[Largest]):
    """The toy kind: one grouped MAX query per scope, built from the engine's scope helpers."""

    shows_fraction = False

    def measure(self, measurer: Measurer, kpi: Kpi, spec: Largest, scope: Scope) -> Cells:
        table = table_columns(measurer.tables, spec.table)
        moment = col(spec.time)
        query = (
            exp.select(*group_keys(moment, scope), exp.alias_(exp.Max(this=col(spec.column)), "v"))
            .from_(source(table, {spec.time, spec.column}, scope))
            .where(in_range(moment.copy(), scope.start, scope.end))
            .group_by(*group_by_positions(scope))
        )
        frame = measurer.fetch(query)
        keys = frame_keys(frame, scope)
        return {key: Cell(number_or_none(v), support=1.0) for key, v in zip(keys, frame["v"], strict=True)}

    def default(self, measurer: Measurer, kpi: Kpi, spec: Largest, key: Key, scope: Scope) -> Cell:
        return Cell(None, support=0.0)

    def table_reads(self, spec: Largest, path: Path_) -> Iterator[TableRead]:
        columns = (
            ColumnUse(spec.table, spec.column, (*path, "column"), "numeric"),
            ColumnUse(spec.table, spec.time, (*path, "time"), "timestamp"),
        )
        yield TableRead(spec.table, path, columns)

    def formula(self, phrases: Phrases, spec: Largest, kpi: Kpi, grain: str) -> Markup:
        noun = phrases.noun(spec.table)
        when = f"その{grain}に{phrases.event(spec.table, spec.time)}"
        return Markup(f"({when}{noun}の「{phrases.column(spec.table, spec.column)}」の最大値)")


@pytest.fixture
def largest_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    toy: type[Any] = Largest
    monkeypatch.setitem(KINDS, toy, LargestKind())


def largest_kpi(kpi_id: str, table: str, column: str, time: str) -> Kpi:
    """A KPI measured by the toy kind (not in the Compute union, so set after validation)."""
    base = kpi(kpi_id, {"measure": "count", "table": "deals", "time": "created_at"})
    toy = Largest(measure="largest", table=table, column=column, time=time)
    return base.model_copy(update={"compute": toy})


def union_members(union: Any) -> set[type]:
    """The classes of a (possibly Annotated, possibly nested) union type."""
    members: set[type] = set()
    for arg in get_args(union) or (union,):
        if isinstance(arg, type):
            members.add(arg)
        elif get_args(arg):
            members |= union_members(arg)
    return members


def test_every_compute_spec_and_ratio_operand_has_a_kind() -> None:
    computes = union_members(Compute)
    assert len(computes) == 10
    operands = union_members(Operand) - {KpiRef}  # a reference is resolved by the ratio kind itself
    expected: set[type] = {Count, Sum}
    assert operands == expected
    for spec_type in computes | operands:
        assert spec_type in KINDS, f"{spec_type.__name__} is not in generator/measures/registry.py"


def test_an_unregistered_spec_stops_the_run_with_where_to_register_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UnregisteredKind, match="Largest.*generator/measures/registry.py"):
        kind_of(Largest(measure="largest", table="deals", column="amount_yen", time="created_at"))
    # a kind dropped from the table is not skipped (as a fall-through would) but stops measuring
    dropped: type[Any] = Duration
    monkeypatch.delitem(KINDS, dropped)
    spec = {"measure": "duration", "table": "deals", "start": "created_at", "end": "closed_at"}
    duration = kpi("days_to_close", {**spec, "statistic": "median", "unit": "days"})
    with pytest.raises(UnregisteredKind, match="Duration"):
        measure(tmp_path, {"leads": leads([{"lead_id": "L1", "created_at": T("2026-09-01")}])}, [duration])


def test_the_toy_kind_is_measured_through_its_module(tmp_path: Path, largest_registered: None) -> None:
    deals = pd.DataFrame(
        {
            "deal_id": ["d1", "d2", "d3", "d4"],
            "lead_id": ["L1", "L2", "L3", "L4"],
            "created_at": [T("2026-08-03"), T("2026-08-20"), T("2026-09-10"), T("2026-10-02")],
            "amount_yen": [100.0, 300.0, 50.0, 900.0],  # d4 is after the as-of day: ignored
            "is_won": [True, False, True, True],
            "stage": ["won", "lost", "won", "won"],
        }
    )
    largest = largest_kpi("largest_deal", "deals", "amount_yen", "created_at")
    people = leads([{"lead_id": lead} for lead in ("L1", "L2", "L3", "L4")])
    measured = measure(tmp_path, {"leads": people, "deals": deals}, [largest]).kpis["largest_deal"]
    series = values(measured)
    assert series["2026-08"] == 300.0 and series["2026-09"] == 50.0  # max(100, 300); 50 alone
    assert series["2025-10"] is None  # the kind's own default for a month without deals
    assert all(p.numerator is None and p.denominator is None for p in measured.series)  # shows_fraction


def test_the_rules_read_the_toy_kinds_columns(largest_registered: None) -> None:
    typo = largest_kpi("largest_typo", "deals", "amount_yenn", "created_at")
    personal = largest_kpi("largest_email", "leads", "email", "created_at")
    text = largest_kpi("largest_stage", "deals", "stage", "created_at")
    elsewhere = largest_kpi("largest_elsewhere", "deal", "amount_yen", "created_at")
    catalogue = project([typo, personal, text, elsewhere])
    assert [i.message_en.split(" — ")[0] for i in UnknownColumn().check(catalogue)] == [
        "column 'amount_yenn' is not in table 'deals' (did you mean 'amount_yen'?)"
    ]
    assert [i.message_en.split(" — ")[0] for i in PersonalColumnUsed().check(catalogue)] == [
        "column 'email' is personal data (personal: true) and cannot be used in a measure or filter"
    ]
    assert [i.message_en.split(" — ")[0] for i in ColumnType().check(catalogue)] == [
        "a sum needs a numeric column but 'email' is string",
        "a sum needs a numeric column but 'stage' is string",
    ]
    assert [i.message_en.split(" — ")[0] for i in UnknownTable().check(catalogue)] == [
        "table 'deal' is not in definitions/sources.yml (did you mean 'deals'?)"
    ]


def test_the_toy_kinds_formula_on_the_kpi_page(largest_registered: None) -> None:
    largest = largest_kpi("largest_deal", "deals", "amount_yen", "created_at")
    writer = FormulaWriter(project([largest]), Links("kpis/largest_deal.md"))
    assert writer.formula(largest) == "largest_deal = (その月に商談作成した商談の「金額(円)」の最大値)"


def test_the_toy_kind_counts_its_table_as_required(largest_registered: None) -> None:
    largest = largest_kpi("largest_campaign", "campaigns", "budget_yen", "starts_on")
    assert required_tables([largest]) == {"leads", "campaigns"}


def test_the_registry_loads_without_the_data_stack() -> None:
    """The rules read the kinds, and ``kpi check`` must stay free of pandas and DuckDB."""
    script = (
        "import sys, generator.measures.registry, generator.rules\n"
        "print(sorted({'pandas', 'duckdb', 'pyarrow'} & set(sys.modules)))\n"
        "import generator.engine  # and the engine, which dispatches through the registry, loads after it\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_counts_and_sums_show_their_value_alone() -> None:
    assert not kind_of(Count(measure="count", table="leads", time="created_at")).shows_fraction
    assert not kind_of(
        Sum(measure="sum", table="deals", column="amount_yen", time="closed_at")
    ).shows_fraction
