from __future__ import annotations

from generator.rules.src001_table_check_column import TableCheckColumn

from .conftest import Sandbox

RULE = TableCheckColumn()
SOURCES = "definitions/sources.yml"


def test_ordered_check_column_typo(sandbox: Sandbox) -> None:
    sandbox.edit(SOURCES, "before: mql_at,", "before: mql_date,")
    assert sandbox.found(RULE) == [f"{SOURCES}:23:34 SRC001"]


def test_reference_to_a_missing_column_and_table(sandbox: Sandbox) -> None:
    sandbox.edit(SOURCES, "table: leads, to: lead_id}", "table: leads, to: id}")
    assert sandbox.found(RULE) == [f"{SOURCES}:39:64 SRC001"]
    sandbox.edit(SOURCES, "table: leads, to: id}", "table: lead, to: lead_id}")
    assert sandbox.found(RULE) == [f"{SOURCES}:39:53 SRC001"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
