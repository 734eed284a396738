from __future__ import annotations

from generator.rules.flt004_filter_literal_type import FilterLiteralType

from .conftest import Sandbox

RULE = FilterLiteralType()
REVENUE = "metrics/revenue.yml"
CLICKS = "metrics/email_click_rate.yml"
SLA = "definitions/sla/standard_sla.yml"


def test_text_compared_with_a_boolean(sandbox: Sandbox) -> None:
    sandbox.edit(REVENUE, '"is_won = true"', "\"is_won = 'maybe'\"")
    assert sandbox.found(RULE) == [f"{REVENUE}:14:11 FLT004"]
    issue = sandbox.issues(RULE)[0]
    assert issue.message_en == (
        "'maybe' does not fit column 'is_won' (boolean) — write true or false (no quotes)"
        " (the column's type is declared in definitions/sources.yml)"
    )
    assert issue.message_ja.startswith("列「is_won」(boolean)と比べる値 'maybe' が型に合いません")


def test_an_impossible_date_on_a_timestamp(sandbox: Sandbox) -> None:
    sandbox.edit(REVENUE, '"is_won = true"', "\"is_won = true and closed_at > '2026-13-45'\"")
    assert sandbox.found(RULE) == [f"{REVENUE}:14:11 FLT004"]
    assert "'2026-13-45' does not fit column 'closed_at' (timestamp)" in sandbox.issues(RULE)[0].message_en


def test_each_wrong_literal_is_reported_in_a_ratio_operand(sandbox: Sandbox) -> None:
    # the denominator of a ratio: a number for text, a quoted number for a timestamp, a between bound
    sandbox.edit(
        CLICKS,
        "\"type = 'email_delivered'\"",
        "\"type = 5 or occurred_at = '42' or occurred_at between '2026-01-01' and '2026-02-30'\"",
    )
    found = sandbox.issues(RULE)
    assert [str(i.location) for i in found] == [f"{CLICKS}:20:13"] * 3
    assert [i.message_en.split(" does not fit")[0] for i in found] == ["'2026-02-30'", "5", "'42'"]


def test_sla_criteria_are_checked(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, 'filter: "mql_at is not null"', "filter: \"mql_at >= 'yesterday'\"")
    assert sandbox.found(RULE) == [f"{SLA}:19:15 FLT004"]


def test_literals_of_the_right_type_pass(sandbox: Sandbox) -> None:
    sandbox.edit(
        REVENUE,
        '"is_won = true"',
        "\"not is_won = false and closed_at >= '2026-01-15' and closed_at < '2026-02-01 09:30:00'"
        " and amount_yen between 0 and 1e9 and amount_yen > -5 and stage in ('won', 'lost')\"",
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
