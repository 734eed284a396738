from __future__ import annotations

from generator.rules.tree007_parent_cycle import ParentCycle

from .conftest import Sandbox

RULE = ParentCycle()


def test_two_kpis_parent_each_other(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/deals_won.yml", "  parent: revenue", "  parent: sql_count")
    assert sandbox.found(RULE) == ["metrics/deals_won.yml:27:11 TREE007"]
    assert "deals_won → sql_count → deals_won" in sandbox.issues(RULE)[0].message_en


def test_kpi_is_its_own_parent(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count", "  parent: mql_count")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:27:11 TREE007"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
