from __future__ import annotations

from generator.rules.pii001_personal_column_used import PersonalColumnUsed

from .conftest import Sandbox

RULE = PersonalColumnUsed()


def test_distinct_count_of_emails(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  distinct: lead_id", "  distinct: email")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:13:13 PII001"]


def test_filter_on_a_personal_column(sandbox: Sandbox) -> None:
    sandbox.edit(
        "definitions/sla/standard_sla.yml",
        "\"channel = 'ads' and",
        "\"email is not null and channel = 'ads' and",
    )
    assert sandbox.found(RULE) == ["definitions/sla/standard_sla.yml:46:13 PII001"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
