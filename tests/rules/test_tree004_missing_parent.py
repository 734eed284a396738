from __future__ import annotations

from generator.rules.tree004_missing_parent import MissingParent

from .conftest import Sandbox

RULE = MissingParent()


def test_kpi_without_parent(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count\n", "")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:26:3 TREE004"]


def test_kgi_with_parent(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  level: kgi\n", "  level: kgi\n  parent: deals_won\n")
    assert sandbox.found(RULE) == ["metrics/revenue.yml:31:11 TREE004"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
