from __future__ import annotations

from generator.rules.tree011_level_order import LevelOrder

from .conftest import Sandbox

RULE = LevelOrder()


def test_kpi_below_an_activity_metric(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count", "  parent: email_click_rate")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:26:10 TREE011"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
