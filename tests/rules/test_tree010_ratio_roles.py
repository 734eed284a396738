from __future__ import annotations

from generator.rules.tree010_ratio_roles import RatioRoles

from .conftest import Sandbox

RULE = RatioRoles()


def test_ratio_children_without_roles(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  combine: product", "  combine: ratio")
    assert sandbox.found(RULE) == ["metrics/revenue.yml:31:12 TREE010"]
    assert "(now: avg_deal_size: -, deals_won: -)" in sandbox.issues(RULE)[0].message_en


def test_role_under_a_product(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count\n", "  parent: sql_count\n  role: numerator\n")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:28:9 TREE010"]


def test_ratio_with_both_roles_passes(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  combine: product", "  combine: ratio")
    sandbox.edit("metrics/deals_won.yml", "  parent: revenue\n", "  parent: revenue\n  role: numerator\n")
    sandbox.edit(
        "metrics/avg_deal_size.yml", "  parent: revenue\n", "  parent: revenue\n  role: denominator\n"
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
