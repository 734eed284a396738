from __future__ import annotations

from generator.rules.kpi007_value_out_of_range import ValueOutOfRange

from .conftest import Sandbox

RULE = ValueOutOfRange()


def test_negative_count_target(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  - value: 500\n", "  - value: -5\n")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:20:12 KPI007"]
    assert sandbox.issues(RULE)[0].message_en.startswith("the target -5 is negative (a volume KPI")


def test_rate_target_written_as_a_percentage(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_to_sql_rate.yml", "  - value: 0.2\n", "  - value: 20\n")
    assert sandbox.found(RULE) == ["metrics/mql_to_sql_rate.yml:21:12 KPI007"]
    assert "above the rate's maximum of 1 — write rates between 0 and 1 (20% is 0.2)" in (
        sandbox.issues(RULE)[0].message_en
    )


def test_rate_threshold_below_zero(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_to_sql_rate.yml", "  at_risk: 0.15\n", "  at_risk: -0.1\n")
    assert sandbox.found(RULE) == ["metrics/mql_to_sql_rate.yml:27:12 KPI007"]


def test_a_ratio_with_scale_100_may_reach_100(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/email_click_rate.yml",
        "    filter: \"type = 'email_delivered'\"\n",
        "    filter: \"type = 'email_delivered'\"\n  scale: 100\n",
    )
    sandbox.edit("metrics/email_click_rate.yml", "  - value: 0.03\n", "  - value: 100\n")
    assert sandbox.found(RULE) == []
    sandbox.edit("metrics/email_click_rate.yml", "  - value: 100\n", "  - value: 100.5\n")
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:28:12 KPI007"]


def test_negative_duration_target(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  - value: 4\n", "  - value: -4\n")
    assert sandbox.found(RULE) == ["metrics/speed_to_lead.yml:23:12 KPI007"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
