from __future__ import annotations

from generator.rules.sla001_unknown_activity_type import UnknownActivityType

from .conftest import Sandbox

RULE = UnknownActivityType()
SLA = "definitions/sla/standard_sla.yml"


def test_scoring_rule_activity_typo(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "      activity: download", "      activity: downlod")
    assert sandbox.found(RULE) == [f"{SLA}:31:17 SLA001"]
    assert "did you mean 'download'" in sandbox.issues(RULE)[0].message_en


def test_hot_lead_trigger_activity(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "\n    activity: page_view", "\n    activity: form_submit")
    assert sandbox.found(RULE) == [f"{SLA}:41:15 SLA001"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
