from __future__ import annotations

from generator.rules.ref002_unknown_column import UnknownColumn

from .conftest import Sandbox

RULE = UnknownColumn()


def test_cohort_column_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_to_sql_rate.yml", "  cohort: mql_at", "  cohort: mql_date")
    assert sandbox.found(RULE) == ["metrics/mql_to_sql_rate.yml:12:11 REF002"]


def test_ratio_operand_column(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/cost_per_mql.yml", "    column: amount_yen", "    column: amount")
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:14:13 REF002"]
    assert "did you mean 'amount_yen'" in sandbox.issues(RULE)[0].message_en


def test_duration_end(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  end: first_contact_at", "  end: contacted_at")
    assert sandbox.found(RULE) == ["metrics/speed_to_lead.yml:13:8 REF002"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
