from __future__ import annotations

from generator.rules.tree009_tree_arithmetic import TreeArithmetic

from .conftest import Sandbox

RULE = TreeArithmetic()


def test_product_that_does_not_add_up(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", "  - value: 100\n", "  - value: 120\n")
    # sql_count is a parent (of MQLs × rate) and a child (of deals won): both edges break.
    assert sandbox.found(RULE) == [
        "metrics/deals_won.yml:20:12 TREE009",
        "metrics/sql_count.yml:19:12 TREE009",
    ]
    deals, sql = (issue.message_en for issue in sandbox.issues(RULE))
    assert "sql_count 120 × sql_to_won_rate 0.2 = 24 (off by 20.0%, tolerance 0.5%)" in deals
    assert "mql_count 500 × mql_to_sql_rate 0.2 = 100 (off by 16.7%, tolerance 0.5%)" in sql


def test_within_half_a_percent_passes(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "  - value: 5000000\n", "  - value: 4990000\n")  # 0.2 % off
    assert sandbox.found(RULE) == []


def test_beyond_half_a_percent_fails(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "  - value: 5000000\n", "  - value: 4900000\n")  # 2 % off
    assert sandbox.found(RULE) == ["metrics/revenue.yml:21:12 TREE009"]
    assert "= 98,000,000 (off by 2.0%" in sandbox.issues(RULE)[0].message_en


def test_the_tree_uses_the_latest_deadline(sandbox: Sandbox) -> None:
    # A mid-year milestone listed first does not take part in the yearly decomposition.
    sandbox.edit(
        "metrics/sql_count.yml",
        "targets:\n",
        "targets:\n  - {value: 40, deadline: 2026-09-30, direction: at_least, scope: 上期}\n",
    )
    assert sandbox.found(RULE) == []
    sandbox.edit("metrics/sql_count.yml", "  - value: 100\n", "  - value: 90\n")
    assert sandbox.found(RULE) == [
        "metrics/deals_won.yml:20:12 TREE009",
        "metrics/sql_count.yml:20:12 TREE009",
    ]


def test_sum(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", "  combine: product", "  combine: sum")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:19:12 TREE009"]
    assert "mql_count 500 + mql_to_sql_rate 0.2 = 500.2" in sandbox.issues(RULE)[0].message_en


def test_ratio(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  combine: product", "  combine: ratio")
    sandbox.edit("metrics/deals_won.yml", "  parent: revenue\n", "  parent: revenue\n  role: numerator\n")
    sandbox.edit(
        "metrics/avg_deal_size.yml", "  parent: revenue\n", "  parent: revenue\n  role: denominator\n"
    )
    assert sandbox.found(RULE) == ["metrics/revenue.yml:21:12 TREE009"]
    assert "deals_won 20 ÷ avg_deal_size 5,000,000 = 4e-06" in sandbox.issues(RULE)[0].message_en


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
