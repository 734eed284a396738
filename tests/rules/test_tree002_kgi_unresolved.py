from __future__ import annotations

from generator.rules.tree002_kgi_unresolved import KgiUnresolved

from .conftest import Sandbox

RULE = KgiUnresolved()


def test_kgi_names_no_kpi(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/tree.yml", "kgi: revenue", "kgi: revenu")
    assert sandbox.found(RULE) == ["definitions/tree.yml:1:6 TREE002"]


def test_kgi_kpi_with_another_level(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  level: kgi", "  level: kpi")
    assert sandbox.found(RULE) == ["metrics/revenue.yml:30:10 TREE002"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
