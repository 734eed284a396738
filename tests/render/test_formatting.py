"""Values, changes and statuses as readers see them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.kpi import Kpi
from generator.model.periods import Grain
from generator.render.formatting import (
    displayed,
    format_change,
    format_period,
    format_value,
    kpi_status,
    progress_bar,
    ratio_bar,
)

AS_OF = dt.date(2026, 9, 30)


def kpi(**changes: object) -> Kpi:
    base: dict[str, object] = {
        "id": "sample_rate",
        "name": "サンプル率",
        "name_en": "Sample rate",
        "description": "テスト用。",
        "stage": "middle",
        "kind": "rate",
        "unit": "percent",
        "decimals": 1,
        "grain": "month",
        "compute": {"measure": "derived", "expression": "a / b"},
        "owner": {"team": "marketing", "person": "佐藤 美咲"},
        "phase": "operating",
        "cadence": "monthly",
        "targets": [
            {"value": 0.2, "deadline": "2027-03-31", "direction": "at_least", "scope": "全体"},
        ],
        "thresholds": {"on_track": 0.2, "at_risk": 0.15},
        "tree": {"level": "kpi"},
    }
    base.update(changes)
    return Kpi.model_validate(base)


def test_values_read_in_their_unit() -> None:
    assert format_value(0.1845, "percent", 1) == "18.5%"
    assert format_value(1234567, "yen") == "¥1,234,567"
    assert format_value(-5000, "yen") == "-¥5,000"
    assert format_value(512, "count") == "512件"
    assert format_value(3.25, "days", 1) == "3.3日"  # half up, as a spreadsheet rounds
    assert format_value(None, "count") == "—"
    assert format_value(float("nan"), "count") == "—"


def test_percent_changes_read_as_points() -> None:
    rate = kpi()
    assert format_change(rate, 0.15, 0.184) == "+3.4pt"
    assert format_change(rate, 0.2, 0.2) == "±0.0pt"
    assert format_change(kpi(unit="count", decimals=0), 120, 100) == "-20件"


def test_status_follows_thresholds_upwards() -> None:
    rate = kpi()
    assert kpi_status(rate, 0.21, AS_OF) == "on_track"
    assert kpi_status(rate, 0.2, AS_OF) == "on_track"
    assert kpi_status(rate, 0.16, AS_OF) == "at_risk"
    assert kpi_status(rate, 0.149, AS_OF) == "off_track"
    assert kpi_status(rate, None, AS_OF) == "no_data"


def test_status_follows_thresholds_downwards_for_costs() -> None:
    cpl = kpi(
        unit="yen",
        kind="currency",
        targets=[{"value": 3000, "deadline": "2027-03-31", "direction": "at_most", "scope": "全体"}],
        thresholds={"on_track": 3000, "at_risk": 3600},
    )
    assert kpi_status(cpl, 2900, AS_OF) == "on_track"
    assert kpi_status(cpl, 3500, AS_OF) == "at_risk"
    assert kpi_status(cpl, 3700, AS_OF) == "off_track"


def test_without_thresholds_the_target_decides_and_without_target_nothing_is_judged() -> None:
    assert kpi_status(kpi(thresholds=None), 0.19, AS_OF) == "off_track"
    assert kpi_status(kpi(thresholds=None), 0.2, AS_OF) == "on_track"
    assert kpi_status(kpi(targets=[], thresholds=None), 0.5, AS_OF) == "no_target"


def test_ratio_bar_is_full_at_target_and_may_pass_it() -> None:
    assert ratio_bar(0.5, width=4) == "██░░ 50.0%"
    assert ratio_bar(5.4129, width=4) == "████ 541.3%"


def test_progress_bar() -> None:
    assert progress_bar(3, 4, width=8) == "██████░░ 3/4(75%)"
    assert progress_bar(0, 0) == "—"


def test_displayed_rounds_a_value_to_the_precision_the_page_shows() -> None:
    # The trend of an MQL rate once carried 0.08575883575883576 with 母数 1,924: × 1,924 = 165 exactly.
    assert displayed(0.08575883575883576, "percent", 1) == 0.086  # shown as 8.6%
    # 0.086 × 1,924 only says the numerator is 164.5…166.4 (8.55%–8.65%): 165 or 166.
    assert [n for n in range(160, 171) if format_value(n / 1924, "percent", 1) == "8.6%"] == [165, 166]
    assert displayed(0.1845, "percent", 1) == 0.185  # half up, as the page shows 18.5%
    assert displayed(14277.008310249308, "yen") == 14277.0
    assert displayed(2.25, "days", 1) == 2.3
    assert displayed(None, "percent", 1) is None
    assert displayed(float("nan"), "count") is None


@pytest.mark.parametrize(
    ("period", "grain", "ja", "en"),
    [
        ("2026-09", "month", "2026年9月", "Sep 2026"),
        # ISO week 40 of 2026: Monday 28 September to Sunday 4 October.
        ("2026-W40", "week", "9月28日〜10月4日の週", "week of 28 Sep–4 Oct 2026"),
        # A week inside one month says the month once: Monday 21 to Sunday 27 September.
        ("2026-W39", "week", "9月21日〜27日の週", "week of 21–27 Sep 2026"),
        # ISO week 1 of 2026 starts on Monday 29 December 2025: both years are named.
        ("2026-W01", "week", "2025年12月29日〜2026年1月4日の週", "week of 29 Dec–4 Jan 2026"),
        # The fiscal year starts in April: Q2 is July–September 2026, Q4 January–March 2027.
        ("FY2026-Q2", "quarter", "2026年度第2四半期", "FY2026 Q2"),
        ("FY2026", "fiscal_year", "2026年度", "FY2026"),
        (dt.date(2026, 10, 1), "week", "9月28日〜10月4日の週", "week of 28 Sep–4 Oct 2026"),
        (dt.date(2027, 2, 14), "quarter", "2026年度第4四半期", "FY2026 Q4"),
        (dt.date(2027, 2, 14), "fiscal_year", "2026年度", "FY2026"),
        ("2026 年 9 月", "month", "2026 年 9 月", "2026 年 9 月"),  # not a label: shown as it is
    ],
)
def test_format_period_says_a_period_as_a_reader_does(
    period: str | dt.date, grain: Grain, ja: str, en: str
) -> None:
    assert format_period(period, grain) == ja
    assert format_period(period, grain, lang="en") == en
