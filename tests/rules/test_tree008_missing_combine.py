from __future__ import annotations

from generator.rules.tree008_missing_combine import MissingCombine

from .conftest import Sandbox

RULE = MissingCombine()


def test_parent_without_combine(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", "  combine: product\n", "")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:25:3 TREE008"]
    assert "mql_count, mql_to_sql_rate" in sandbox.issues(RULE)[0].message_en


def test_combine_without_children_is_a_warning(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/email_click_rate.yml", "  ksf: nurture_quality\n", "  ksf: nurture_quality\n  combine: sum\n"
    )
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:35:12 TREE008 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
