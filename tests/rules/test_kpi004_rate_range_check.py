from __future__ import annotations

from generator.rules.kpi004_rate_range_check import RateRangeCheck

from .conftest import Sandbox

RULE = RateRangeCheck()
RANGE = "checks:\n  - {check: between, min: 0, max: 1}"


def test_rate_without_range_check(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/email_click_rate.yml", RANGE, "checks: [{check: latest_period_present}]")
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:35:9 KPI004 warning"]


def test_range_beyond_one(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/email_click_rate.yml", "max: 1}", "max: 100}")
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:36:5 KPI004 warning"]


def test_scaled_ratio_may_go_to_its_scale(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/email_click_rate.yml", "max: 1}", "max: 100}")
    sandbox.edit("metrics/email_click_rate.yml", "  measure: ratio\n", "  measure: ratio\n  scale: 100\n")
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
