from __future__ import annotations

from generator.rules.ref006_business_hours_calendar import BusinessHoursCalendar

from .conftest import Sandbox

RULE = BusinessHoursCalendar()


def test_business_hours_without_calendar(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  calendar: standard_sla\n", "")
    assert sandbox.found(RULE) == ["metrics/speed_to_lead.yml:15:9 REF006"]


def test_plain_hours_need_no_calendar(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/speed_to_lead.yml", "  unit: business_hours\n  calendar: standard_sla\n", "  unit: hours\n"
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
