from __future__ import annotations

from generator.rules.tgt001_target_period import TargetPeriod

from .conftest import Sandbox

RULE = TargetPeriod()


def test_a_count_target_without_a_period_is_an_error(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", "    period: fiscal_year\n", "")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:19:5 TGT001"]
    assert "period: fiscal_year" in sandbox.issues(RULE)[0].message_en


def test_a_rate_target_may_leave_its_period_out(sandbox: Sandbox) -> None:
    assert "period" not in sandbox.read("metrics/mql_to_sql_rate.yml")
    assert sandbox.found(RULE) == []


def test_a_cumulative_target_needs_a_start_before_its_deadline(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", "    period: fiscal_year\n", "    period: cumulative\n")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:22:13 TGT001"]
    cumulative = "    period: cumulative\n"
    sandbox.edit("metrics/sql_count.yml", cumulative, cumulative + "    start: 2027-04-01\n")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:23:12 TGT001"]
    sandbox.edit("metrics/sql_count.yml", "    start: 2027-04-01\n", "    start: 2026-10-01\n")
    assert sandbox.found(RULE) == []


def test_start_and_seasonality_belong_to_their_own_periods(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/sql_count.yml",
        "    period: fiscal_year\n",
        "    period: month\n    start: 2026-10-01\n    seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]\n",
    )
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:23:12 TGT001", "metrics/sql_count.yml:24:18 TGT001"]


def test_seasonality_needs_twelve_positive_weights(sandbox: Sandbox) -> None:
    yearly = "    period: fiscal_year\n"
    sandbox.edit("metrics/sql_count.yml", yearly, yearly + "    seasonality: [1, 2]\n")
    assert [issue.code for issue in sandbox.load().issues] == ["SCHEMA001"]
