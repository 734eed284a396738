from __future__ import annotations

from generator.rules.kpi002_threshold_direction import ThresholdDirection

from .conftest import Sandbox

RULE = ThresholdDirection()


def test_at_most_with_on_track_above_at_risk(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/cost_per_mql.yml",
        "  on_track: 10000\n  at_risk: 12000",
        "  on_track: 12000\n  at_risk: 10000",
    )
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:29:13 KPI002"]
    assert "on_track ≤ at_risk" in sandbox.issues(RULE)[0].message_en


def test_at_least_with_on_track_below_at_risk(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_to_sql_rate.yml", "  on_track: 0.2", "  on_track: 0.1")
    assert sandbox.found(RULE) == ["metrics/mql_to_sql_rate.yml:26:13 KPI002"]


def test_targets_pointing_different_ways(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/mql_count.yml",
        "    scope: 2026年度の全チャネル\n",
        "    scope: 2026年度の全チャネル\n"
        "  - {value: 300, deadline: 2026-09-30, direction: at_most, scope: 上期}\n",
    )
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:25:51 KPI002"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
