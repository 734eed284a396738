from __future__ import annotations

from generator.rules.kpi003_missing_data_checks import MissingDataChecks

from .conftest import Sandbox

RULE = MissingDataChecks()
CHECKS = "checks:\n  - {check: no_missing_periods}\n  - {check: minimum_volume, min: 10}\n"


def test_checks_removed(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", CHECKS, "")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:1:1 KPI003"]
    assert "mql_count" in sandbox.issues(RULE)[0].message_ja


def test_empty_checks_point_at_the_key(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", CHECKS, "checks: []\n")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:30:9 KPI003"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
