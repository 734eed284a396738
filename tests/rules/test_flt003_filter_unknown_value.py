from __future__ import annotations

from generator.rules.flt003_filter_unknown_value import FilterUnknownValue

from .conftest import Sandbox

RULE = FilterUnknownValue()
SLA = "definitions/sla/standard_sla.yml"


def test_typo_in_an_in_list(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "\"channel = 'ads' and", "\"channel in ('ads', 'webiner') and")
    assert sandbox.found(RULE) == [f"{SLA}:46:13 FLT003"]
    issue = sandbox.issues(RULE)[0]
    assert (
        "'webiner' is not an allowed value of column 'channel' (did you mean 'webinar'?)" in issue.message_en
    )
    assert "ads, webinar, whitepaper" in issue.message_en


def test_typo_compared_either_way_round(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/email_click_rate.yml", "\"type = 'email_click'\"", "\"'email_clik' = type\"")
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:15:13 FLT003"]


def test_columns_without_allowed_values_accept_any_text(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/email_click_rate.yml",
        "\"type = 'email_click'\"",
        "\"type = 'email_click' and lead_id <> 'x'\"",
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
