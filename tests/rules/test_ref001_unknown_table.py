from __future__ import annotations

from generator.rules.ref001_unknown_table import UnknownTable

from .conftest import Sandbox

RULE = UnknownTable()


def test_table_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  table: leads", "  table: lead")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:11:10 REF001"]
    assert "did you mean 'leads'" in sandbox.issues(RULE)[0].message_en


def test_table_of_a_ratio_operand(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/cost_per_mql.yml", "    table: costs", "    table: spend")
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:13:12 REF001"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
