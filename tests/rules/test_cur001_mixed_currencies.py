from __future__ import annotations

from generator.rules.cur001_mixed_currencies import MixedCurrencies

from .conftest import Sandbox

RULE = MixedCurrencies()
DEALS_AMOUNT = "      - {name: amount_yen, type: float, description: 金額(円), nullable: false}\n"
# A yen KPI summing the minimal project's costs, and one dividing revenue by it.
SPEND = """id: spend
name: 費用
name_en: Spend
description: マーケティング費用の合計。
stage: any
kind: currency
unit: yen
grain: month
compute: {measure: sum, table: costs, column: amount_yen, time: incurred_at}
owner: {team: marketing, person: 佐藤 美咲}
phase: advanced
cadence: monthly
tree: {level: activity, parent: revenue}
checks:
  - {check: not_null}
"""
RETURN = """id: revenue_per_spend
name: 費用対売上
name_en: Revenue per spend
description: 売上 ÷ 費用。
stage: any
kind: ratio
unit: ratio
grain: month
compute:
  measure: derived
  expression: revenue / spend
owner: {team: marketing, person: 佐藤 美咲}
phase: advanced
cadence: monthly
tree: {level: activity, parent: revenue}
checks:
  - {check: not_null}
"""


def in_dollars(sandbox: Sandbox) -> None:
    """deals.amount_yen declared in US dollars (the first of the two amount columns: deals, then costs)."""
    text = sandbox.read("definitions/sources.yml")
    assert text.count(DEALS_AMOUNT) == 2
    dollars = DEALS_AMOUNT.replace("nullable: false}", "nullable: false, currency: USD}")
    sandbox.write("definitions/sources.yml", text.replace(DEALS_AMOUNT, dollars, 1))


def test_money_in_one_currency_passes(sandbox: Sandbox) -> None:
    sandbox.write("metrics/spend.yml", SPEND)
    sandbox.write("metrics/revenue_per_spend.yml", RETURN)
    assert sandbox.found(RULE) == []  # revenue and spend both in yen
    in_dollars(sandbox)
    # avg_deal_size = revenue / deals_won: dollars over a count, one currency.
    assert "metrics/avg_deal_size.yml" not in " ".join(sandbox.found(RULE))


def test_dollars_divided_by_yen_is_an_error_at_the_formula(sandbox: Sandbox) -> None:
    sandbox.write("metrics/spend.yml", SPEND)
    sandbox.write("metrics/revenue_per_spend.yml", RETURN)
    in_dollars(sandbox)
    assert sandbox.found(RULE) == ["metrics/revenue_per_spend.yml:10:3 CUR001"]
    (issue,) = sandbox.issues(RULE)
    assert "revenue (USD), spend (JPY)" in issue.message_en
    assert "revenue(USD)、spend(JPY)" in issue.message_ja


def test_a_written_currency_must_be_the_one_the_money_is_in(sandbox: Sandbox) -> None:
    in_dollars(sandbox)
    text = sandbox.read("metrics/revenue.yml")
    sandbox.write("metrics/revenue.yml", text.replace("unit: yen\n", "unit: yen\ncurrency: EUR\n", 1))
    assert sandbox.found(RULE) == ["metrics/revenue.yml:8:11 CUR001"]
    assert "all in USD" in sandbox.issues(RULE)[0].message_en
