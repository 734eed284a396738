from __future__ import annotations

from generator.rules.ref005_unknown_sla import UnknownSla

from .conftest import Sandbox

RULE = UnknownSla()


def test_sla_compliance_names_no_sla(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sla_compliance.yml", "  sla: standard_sla", "  sla: standard")
    assert sandbox.found(RULE) == ["metrics/sla_compliance.yml:11:8 REF005"]


def test_calendar_names_no_sla(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  calendar: standard_sla", "  calendar: jp_calendar")
    assert sandbox.found(RULE) == ["metrics/speed_to_lead.yml:16:13 REF005"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
