"""The restricted expression grammar the filter and derived-KPI rules rely on."""

from __future__ import annotations

import pytest

from generator.model.expressions import ExpressionError, evaluate, parse_arithmetic, parse_filter


@pytest.mark.parametrize(
    "text",
    [
        "channel = 'webinar' and not is_machine_open",
        "type in ('email_click', 'email_open') or page_category is null",
        "amount_yen between 1000 and 5000 and stage <> 'lost'",
        "not (score >= 60)",
    ],
)
def test_allowed_filters_parse(text: str) -> None:
    assert parse_filter(text).text == text


def test_filter_reports_the_columns_it_reads() -> None:
    parsed = parse_filter("channel = 'webinar' and not is_machine_open and 'x' = page_category")
    assert parsed.columns == frozenset({"channel", "is_machine_open", "page_category"})


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("lower(channel) = 'webinar'", "'Lower' is not allowed"),
        ("channel = (select max(channel) from leads)", "is not allowed"),
        ("channel = 'webinar'; drop table leads", "';' is not allowed"),
        ("leads.channel = 'webinar'", "write column 'leads.channel' without a table prefix"),
        ("channel like 'web%'", "'Like' is not allowed"),
        ("amount_yen + 1 > 2", "'Add' is not allowed"),
        ("", "the expression is empty"),
        ("channel = ", "cannot parse the expression"),
        ("x = '" + "a" * 201 + "'", "string literal too long"),
        ("a = 1 or " * 60 + "a = 1", "expression too long"),
    ],
)
def test_filters_outside_the_whitelist_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_filter(text)
    assert reason in caught.value.message_en
    assert caught.value.message_ja


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("sum(revenue) / deals_won", "'Sum' is not allowed"),
        ("revenue > deals_won", "'GT' is not allowed"),
        ("revenue / 'deals'", "string 'deals' cannot be used in arithmetic"),
        ("marketing.revenue / 2", "without a table prefix"),
    ],
)
def test_arithmetic_outside_the_whitelist_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_arithmetic(text)
    assert reason in caught.value.message_en


def test_arithmetic_names_and_evaluation() -> None:
    roi = parse_arithmetic("(gross_profit - spend) / spend * 100")
    assert roi.names == frozenset({"gross_profit", "spend"})
    assert evaluate(roi, {"gross_profit": 5_160_000.0, "spend": 1_000_000.0}) == 416.0
    assert evaluate(roi, {"gross_profit": 1.0, "spend": 0.0}) is None
    assert evaluate(roi, {"gross_profit": None, "spend": 1.0}) is None
    assert evaluate(parse_arithmetic("-a + 2"), {"a": 3.0}) == -1.0
