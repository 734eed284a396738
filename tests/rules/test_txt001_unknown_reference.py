from __future__ import annotations

import pytest

from generator.rules.txt001_unknown_reference import UnknownReference

from .conftest import Sandbox

RULE = UnknownReference()
SCOPE = "    scope: 2026年度の MQL コホート\n"
FILE = "metrics/mql_to_sql_rate.yml"


def _rationale(sandbox: Sandbox, text: str) -> None:
    # line 25, column 16: the value after "    rationale: "
    sandbox.edit(FILE, SCOPE, f"{SCOPE}    rationale: {text}\n")


def _review(sandbox: Sandbox, cause: str) -> None:
    review = (
        "reviews:\n"
        "  - date: 2026-09-01\n"
        "    observation: 8月は {{mql_to_sql_rate@2026-08}}\n"
        f"    cause: {cause}\n"
        "    action: 見直す\n"
        "    owner: 佐藤\n"
        "    due: 2026-10-01\n"
    )
    sandbox.edit(FILE, "terms: [MQL", review + "terms: [MQL")


def test_references_to_a_kpi_at_its_grain_and_to_targets_are_valid(sandbox: Sandbox) -> None:
    _rationale(
        sandbox,
        "'{{mql_to_sql_rate@2026-08}} から {{mql_to_sql_rate@target}} へ。{{sla_compliance@2026-W14}}'",
    )
    _review(sandbox, "'{{sql_count@target}} と {{ mql_count @ 2026-07 }}'")  # YAML: quote a leading {{
    assert sandbox.found(RULE) == []


def test_an_unknown_kpi_is_named_with_a_suggestion(sandbox: Sandbox) -> None:
    _rationale(sandbox, "'{{mql_to_sql_rat@2026-08}}'")
    assert sandbox.found(RULE) == [f"{FILE}:25:16 TXT001"]
    message = sandbox.issues(RULE)[0].message_en
    assert "no KPI 'mql_to_sql_rat'" in message and "did you mean 'mql_to_sql_rate'" in message


@pytest.mark.parametrize("period", ["2026-8", "2026-13", "2026-W54", "FY2026-Q5", "202608", "last"])
def test_a_malformed_period_is_an_error(sandbox: Sandbox, period: str) -> None:
    _rationale(sandbox, f"'{{{{mql_to_sql_rate@{period}}}}}'")
    assert sandbox.found(RULE) == [f"{FILE}:25:16 TXT001"]
    assert f"no readable period '{period}'" in sandbox.issues(RULE)[0].message_en


def test_a_period_at_another_grain_than_the_kpis_is_an_error(sandbox: Sandbox) -> None:
    # sla_compliance is weekly: a month has no point in its series.
    _rationale(sandbox, "'{{sla_compliance@2026-08}}'")
    assert sandbox.found(RULE) == [f"{FILE}:25:16 TXT001"]
    assert "like 2026-W14" in sandbox.issues(RULE)[0].message_en


@pytest.mark.parametrize(
    "raw", ["{{mql_to_sql_rate}}", "{{}}", "{{mql_to_sql_rate@2026-08 + 1}}", "{{__import__('os')}}"]
)
def test_a_reference_without_kpi_and_period_is_a_syntax_error(sandbox: Sandbox, raw: str) -> None:
    _review(sandbox, f'"{raw}"')
    # reviews: follows checks (line 35); the cause is on line 38, its value at column 12
    assert sandbox.found(RULE) == [f"{FILE}:38:12 TXT001"]
    assert "cannot read the reference" in sandbox.issues(RULE)[0].message_en


def test_text_without_double_braces_is_not_a_reference(sandbox: Sandbox) -> None:
    _rationale(sandbox, "'{mql_to_sql_rate@2026-08} と @target は参照ではない'")
    assert sandbox.found(RULE) == []
