from __future__ import annotations

from generator.rules.flt002_filter_unknown_column import FilterUnknownColumn

from .conftest import Sandbox

RULE = FilterUnknownColumn()
SLA = "definitions/sla/standard_sla.yml"


def test_double_quoted_text_is_a_column(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/email_click_rate.yml", "filter: \"type = 'email_click'\"", "filter: 'type = \"email_click\"'"
    )
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:15:13 FLT002"]
    assert "(for text, quote it: 'email_click')" in sandbox.issues(RULE)[0].message_en


def test_sla_disqualifier_column_typo(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "\"channel = 'ads' and", "\"chanel = 'ads' and")
    assert sandbox.found(RULE) == [f"{SLA}:46:13 FLT002"]
    assert "did you mean 'channel'" in sandbox.issues(RULE)[0].message_en


def test_attribute_rule_cannot_read_activity_columns(sandbox: Sandbox) -> None:
    sandbox.edit(
        SLA,
        '      points: 15\n      filter: "is_target_industry"',
        "      points: 15\n      filter: \"page_category = 'pricing'\"",
    )
    assert sandbox.found(RULE) == [f"{SLA}:27:15 FLT002"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
