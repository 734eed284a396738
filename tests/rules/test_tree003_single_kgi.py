from __future__ import annotations

from generator.rules.tree003_single_kgi import SingleKgi

from .conftest import Sandbox

RULE = SingleKgi()


def test_second_kgi(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/cost_per_mql.yml", "  level: activity", "  level: kgi")
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:32:10 TREE003"]


def test_no_kgi_at_all(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  level: kgi", "  level: kpi")
    sandbox.edit("definitions/tree.yml", "kgi: revenue", "kgi: sales_revenue")
    assert sandbox.found(RULE) == ["definitions/tree.yml:1:6 TREE003"]


def test_no_kgi_but_tree_names_a_kpi_is_left_to_tree002(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  level: kgi", "  level: kpi")
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
