from __future__ import annotations

from generator.rules.flt001_expression_syntax import ExpressionSyntax

from .conftest import Sandbox

RULE = ExpressionSyntax()
SLA = "definitions/sla/standard_sla.yml"


def test_function_call_in_a_kpi_filter(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/email_click_rate.yml", "\"type = 'email_click'\"", "\"lower(type) = 'email_click'\""
    )
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:15:13 FLT001"]
    assert "'Lower' is not allowed" in sandbox.issues(RULE)[0].message_en


def test_sla_filter_that_does_not_parse(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "\"channel = 'ads' and not is_target_industry\"", "\"channel = 'ads' and and\"")
    assert sandbox.found(RULE) == [f"{SLA}:46:13 FLT001"]


def test_statement_separator(sandbox: Sandbox) -> None:
    sandbox.edit(
        SLA, '      filter: "mql_at is not null"', '      filter: "mql_at is not null; drop table leads"'
    )
    assert sandbox.found(RULE) == [f"{SLA}:19:15 FLT001"]


def test_derived_expression_with_a_function(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "revenue / deals_won", "sum(revenue) / deals_won")
    assert sandbox.found(RULE) == ["metrics/avg_deal_size.yml:11:15 FLT001"]


def test_a_hundred_nots_are_refused_before_parsing(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, '      filter: "mql_at is not null"', f'      filter: "{"not " * 100}mql_at is null"')
    assert sandbox.found(RULE) == [f"{SLA}:19:15 FLT001"]
    assert "nested too deeply (at most 16 levels of brackets and not/-)" in sandbox.issues(RULE)[0].message_en


def test_sixty_brackets_in_a_derived_expression(sandbox: Sandbox) -> None:
    deep = "(" * 60 + "revenue" + ")" * 60
    sandbox.edit("metrics/avg_deal_size.yml", "revenue / deals_won", f"{deep} / deals_won")
    assert sandbox.found(RULE) == ["metrics/avg_deal_size.yml:11:15 FLT001"]
    message = sandbox.issues(RULE)[0].message_en
    assert message.startswith(f"expression '{(deep + ' / deals_won')[:80]}…': the expression is nested")


def test_literal_division_by_zero(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "revenue / deals_won", "revenue / 0")
    assert sandbox.found(RULE) == ["metrics/avg_deal_size.yml:11:15 FLT001"]
    assert sandbox.issues(RULE)[0].message_en.startswith(
        "expression 'revenue / 0': division by zero (the denominator '0' is always 0)"
    )


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
