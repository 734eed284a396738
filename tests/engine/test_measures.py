"""Every measure kind on tiny hand-made data; expected values worked out by hand in the comments.

As-of is 2026-09-30 unless a test says otherwise, so a monthly series runs 2025-10 … 2026-09.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from measure_kit import AS_OF, T, activities, kpi, leads, measure, point, sla_spec, values

from generator.model.periods import cohort_window_open, period_of


def email_activities() -> pd.DataFrame:
    return activities(
        [
            ("L1", "2026-09-01 10:00", "email_delivered"),
            ("L1", "2026-09-02 10:00", "email_open"),
            ("L1", "2026-09-03 10:00", "email_open"),  # L1 opens twice
            ("L2", "2026-09-05 10:00", "email_open"),
            ("L2", "2026-08-31 23:59", "email_open"),  # August
            ("L3", "2026-10-01 00:00", "email_open"),  # after the as-of day: ignored
            ("L3", "2025-09-30 12:00", "email_open"),  # before the series: in no period
        ]
    )


def test_count_distinct_and_filter(tmp_path: Path) -> None:
    opens = kpi(
        "opens",
        {"measure": "count", "table": "activities", "time": "occurred_at", "filter": "type = 'email_open'"},
    )
    openers = kpi(
        "openers",
        {
            "measure": "count",
            "table": "activities",
            "time": "occurred_at",
            "distinct": "lead_id",
            "filter": "type = 'email_open'",
        },
    )
    everything = kpi("all_activities", {"measure": "count", "table": "activities", "time": "occurred_at"})
    result = measure(
        tmp_path,
        {"leads": leads([{"lead_id": "L1"}]), "activities": email_activities()},
        [opens, openers, everything],
    )
    # September: opens a2, a3, a4 = 3; distinct openers L1, L2 = 2; all rows a1–a4 = 4. August: a5 only.
    series = values(result.kpis["opens"])
    assert len(series) == 12 and next(iter(series)) == "2025-10"
    assert series["2026-09"] == 3.0 and series["2026-08"] == 1.0
    assert all(series[m] == 0.0 for m in series if m not in ("2026-08", "2026-09"))  # no missing period: 0
    assert values(result.kpis["openers"])["2026-09"] == 2.0
    assert values(result.kpis["all_activities"])["2026-09"] == 4.0
    assert point(result.kpis["opens"], "2026-09").numerator is None


def test_sum_with_filter(tmp_path: Path) -> None:
    deals = pd.DataFrame(
        {
            "deal_id": ["d1", "d2", "d3"],
            "lead_id": ["L1", "L1", "L1"],
            "created_at": [T("2026-06-01")] * 3,
            "stage": ["closed_won", "closed_won", "closed_lost"],
            "amount_yen": [1_000_000.0, 500_000.0, 700_000.0],
            "is_won": [True, True, False],
            "closed_at": [T("2026-09-10"), T("2026-09-20"), T("2026-09-21")],
        }
    )
    revenue = kpi(
        "revenue",
        {"measure": "sum", "table": "deals", "column": "amount_yen", "time": "closed_at", "filter": "is_won"},
        unit="yen",
    )
    result = measure(tmp_path, {"leads": leads([{"lead_id": "L1"}]), "deals": deals}, [revenue])
    # Won in September: 1,000,000 + 500,000 (the lost 700,000 is filtered out); August has none: 0.
    assert values(result.kpis["revenue"])["2026-09"] == 1_500_000.0
    assert values(result.kpis["revenue"])["2026-08"] == 0.0


def test_ratio_with_counts_and_kpi_reference(tmp_path: Path) -> None:
    opens = kpi(
        "opens",
        {"measure": "count", "table": "activities", "time": "occurred_at", "filter": "type = 'email_open'"},
    )
    rate = kpi(
        "opens_per_delivery",
        {
            "measure": "ratio",
            "numerator": {"kpi": "opens"},
            "denominator": {
                "measure": "count",
                "table": "activities",
                "time": "occurred_at",
                "filter": "type = 'email_delivered'",
            },
            "scale": 100,
        },
    )
    result = measure(
        tmp_path, {"leads": leads([{"lead_id": "L1"}]), "activities": email_activities()}, [opens, rate]
    )
    september = point(result.kpis["opens_per_delivery"], "2026-09")
    # 3 opens ÷ 1 delivery × 100 = 300; numerator and denominator are kept.
    assert (september.value, september.numerator, september.denominator) == (300.0, 3.0, 1.0)
    august = point(result.kpis["opens_per_delivery"], "2026-08")
    # 1 open ÷ 0 deliveries: no value, but the point is there with its parts.
    assert (august.value, august.numerator, august.denominator) == (None, 1.0, 0.0)


def conversion_leads() -> pd.DataFrame:
    return leads(
        [
            {"lead_id": "L1", "mql_at": T("2026-07-10"), "sql_at": T("2026-08-05")},  # 26 days: converted
            {"lead_id": "L2", "mql_at": T("2026-07-20"), "sql_at": T("2026-08-25")},  # 36 days: too late
            {"lead_id": "L3", "mql_at": T("2026-07-31 23:00")},  # never
            {"lead_id": "L4", "mql_at": T("2026-08-01"), "sql_at": T("2026-07-30")},  # SQL before MQL: counts
            {"lead_id": "L5", "mql_at": T("2026-09-25"), "sql_at": T("2026-10-02")},  # after as-of: not yet
            {"lead_id": "L6", "mql_at": T("2026-09-28"), "sql_at": T("2026-09-29")},  # converted
        ]
    )


def test_conversion_counts_in_the_cohort_period(tmp_path: Path) -> None:
    rate = kpi(
        "mql_to_sql",
        {
            "measure": "conversion",
            "table": "leads",
            "cohort": "mql_at",
            "converted": "sql_at",
            "window_days": 30,
        },
    )
    result = measure(tmp_path, {"leads": conversion_leads()}, [rate])
    measured = result.kpis["mql_to_sql"]
    # July cohort L1, L2, L3 → L1 converted: 1/3. August cohort L4: 1/1. September L5, L6 → L6: 1/2.
    july, august, september = (point(measured, m) for m in ("2026-07", "2026-08", "2026-09"))
    assert (july.numerator, july.denominator) == (1.0, 3.0) and july.value == pytest.approx(1 / 3)
    assert (august.value, september.value) == (1.0, 0.5)
    assert (point(measured, "2026-06").value, point(measured, "2026-06").denominator) == (None, 0.0)
    # The September cohort's 30-day window is still open at as-of; July's closed on 2026-08-30.
    assert cohort_window_open(period_of(T("2026-09-01").date(), "month"), 30, AS_OF)
    assert not cohort_window_open(period_of(T("2026-07-01").date(), "month"), 30, AS_OF)


def duration_leads() -> pd.DataFrame:
    return leads(
        [
            {"lead_id": "L1", "created_at": T("2026-09-01"), "mql_at": T("2026-09-03")},  # 2 days
            {"lead_id": "L2", "created_at": T("2026-09-01"), "mql_at": T("2026-09-05 12:00")},  # 4.5 days
            {"lead_id": "L3", "created_at": T("2026-09-10"), "mql_at": T("2026-09-11")},  # 1 day
            {"lead_id": "L4", "created_at": T("2026-09-10"), "mql_at": T("2026-09-30")},  # 20 days
            {"lead_id": "L5", "created_at": T("2026-09-20"), "mql_at": T("2026-09-15")},  # negative: left out
            {"lead_id": "L6", "created_at": T("2026-08-01")},  # no MQL: left out
        ]
    )


@pytest.mark.parametrize(
    ("statistic", "unit", "expected"),
    [
        ("median", "days", 3.25),  # sorted 1, 2, 4.5, 20 → (2 + 4.5) / 2
        ("mean", "days", 6.875),  # 27.5 / 4
        ("p90", "days", 15.35),  # position 0.9 × 3 = 2.7 → 4.5 + 0.7 × (20 − 4.5)
        ("median", "hours", 78.0),  # 3.25 days × 24
    ],
)
def test_duration_statistics(tmp_path: Path, statistic: str, unit: str, expected: float) -> None:
    lead_time = kpi(
        "lead_time",
        {
            "measure": "duration",
            "table": "leads",
            "start": "created_at",
            "end": "mql_at",
            "statistic": statistic,
            "unit": unit,
        },
        unit=unit,
    )
    result = measure(tmp_path, {"leads": duration_leads()}, [lead_time])
    september = point(result.kpis["lead_time"], "2026-09")
    assert september.value == pytest.approx(expected)
    assert september.denominator == 4.0  # rows behind the statistic
    assert point(result.kpis["lead_time"], "2026-08").value is None  # no rows: no duration


def test_duration_in_business_hours_skips_weekends_and_holidays(tmp_path: Path) -> None:
    handoffs = pd.DataFrame(
        {
            "handoff_id": ["H1", "H2", "H3"],
            "lead_id": ["L1", "L1", "L1"],
            # Fri 17:00 → Mon 10:00: 1 h on Friday + 1 h on Monday = 2 h.
            # Thu 10:00 → Thu 13:30: 3.5 h.
            # Fri 2026-09-18 17:00 → Thu 09-24 10:00: the 2026 Silver Week (敬老の日 21st, 国民の休日 22nd,
            # 秋分の日 23rd) and the weekend are closed: 1 h + 1 h = 2 h.
            "handed_off_at": [T("2026-09-04 17:00"), T("2026-09-17 10:00"), T("2026-09-18 17:00")],
            "first_contact_at": [T("2026-09-07 10:00"), T("2026-09-17 13:30"), T("2026-09-24 10:00")],
            "trigger": ["score"] * 3,
            "team": ["is_east"] * 3,
            "attempts": [1, 1, 1],
        }
    )
    speed = kpi(
        "speed",
        {
            "measure": "duration",
            "table": "handoffs",
            "start": "handed_off_at",
            "end": "first_contact_at",
            "statistic": "mean",
            "unit": "business_hours",
            "calendar": "test_sla",
        },
        unit="hours",
    )
    p90 = kpi(
        "speed_p90",
        {
            "measure": "duration",
            "table": "handoffs",
            "start": "handed_off_at",
            "end": "first_contact_at",
            "statistic": "p90",
            "unit": "business_hours",
            "calendar": "test_sla",
        },
        unit="hours",
    )
    result = measure(
        tmp_path, {"leads": leads([{"lead_id": "L1"}]), "handoffs": handoffs}, [speed, p90], slas=[sla_spec()]
    )
    assert point(result.kpis["speed"], "2026-09").value == pytest.approx(2.5)  # (2 + 3.5 + 2) / 3
    assert point(result.kpis["speed_p90"], "2026-09").value == pytest.approx(3.2)  # 2 + 0.8 × 1.5


def test_derived_over_other_kpis_and_params(tmp_path: Path) -> None:
    deals = pd.DataFrame(
        {
            "deal_id": ["d1", "d2"],
            "lead_id": ["L1", "L1"],
            "created_at": [T("2026-06-01")] * 2,
            "stage": ["closed_won"] * 2,
            "amount_yen": [1_000_000.0, 500_000.0],
            "is_won": [True, True],
            "closed_at": [T("2026-09-10"), T("2026-09-20")],
        }
    )
    revenue = kpi(
        "revenue", {"measure": "sum", "table": "deals", "column": "amount_yen", "time": "closed_at"}
    )
    won = kpi("won", {"measure": "count", "table": "deals", "time": "closed_at", "filter": "is_won"})
    # Defined before what it uses (the engine orders by dependency): (revenue / won) × factor.
    per_deal = kpi(
        "value_per_deal", {"measure": "derived", "expression": "revenue / won * factor"}, params={"factor": 2}
    )
    twice = kpi("twice", {"measure": "derived", "expression": "value_per_deal + value_per_deal"})
    loop = kpi("loop", {"measure": "derived", "expression": "loop + 1"})
    unknown = kpi("unknown", {"measure": "derived", "expression": "nothing * 2"})
    result = measure(
        tmp_path,
        {"leads": leads([{"lead_id": "L1"}]), "deals": deals},
        [twice, per_deal, revenue, won, loop, unknown],
    )
    # September: 1,500,000 / 2 × 2 = 1,500,000; twice = 3,000,000. August: 0 / 0 → None (not an error).
    assert values(result.kpis["value_per_deal"])["2026-09"] == 1_500_000.0
    assert values(result.kpis["twice"])["2026-09"] == 3_000_000.0
    assert values(result.kpis["value_per_deal"])["2026-08"] is None
    assert "refers to itself" in (result.kpis["loop"].error or "")
    assert "nothing" in (result.kpis["unknown"].error or "")


def test_sla_measures_are_delegated_to_the_sla_modules(tmp_path: Path) -> None:
    handoffs = pd.DataFrame(
        {
            "handoff_id": ["H1", "H2"],
            "lead_id": ["L1", "L1"],
            # Deadline 4 business hours. H1: Thu 10:00 → 11:00, met.
            # H2: Fri 17:00 → Mon 13:00 = 1 + 4 = 5 h, missed.
            "handed_off_at": [T("2026-09-17 10:00"), T("2026-09-04 17:00")],
            "first_contact_at": [T("2026-09-17 11:00"), T("2026-09-07 13:00")],
            "trigger": ["score", "score"],
            "team": ["is_east", "is_east"],
            "attempts": [1, 1],
        }
    )
    downloads = activities([("L1", f"2026-09-0{day} 10:00", "download") for day in (1, 2, 3)])
    compliance = kpi("compliance", {"measure": "sla_compliance", "sla": "test_sla"})
    over = kpi("over_threshold", {"measure": "score_at_least", "sla": "test_sla"})
    result = measure(
        tmp_path,
        {"leads": leads([{"lead_id": "L1"}]), "handoffs": handoffs, "activities": downloads},
        [compliance, over],
        slas=[sla_spec()],
    )
    september = point(result.kpis["compliance"], "2026-09")
    assert (september.numerator, september.denominator, september.value) == (1.0, 2.0, 0.5)
    # 30 points per download, threshold 60: L1 crosses at its second download (2026-09-02) → one in September.
    assert values(result.kpis["over_threshold"])["2026-09"] == 1.0
    assert [report.sla_id for report in result.slas] == ["test_sla"]


def test_counts_filtered_on_unbounded_columns_read_the_table(tmp_path: Path) -> None:
    # The count cube keeps only bounded filter columns (booleans, allowed values); a filter on a
    # timestamp must still be answered exactly, next to counts the cube does answer.
    handoffs = pd.DataFrame(
        {
            "handoff_id": ["H1", "H2", "H3"],
            "lead_id": ["L1"] * 3,
            "handed_off_at": [T("2026-09-01 10:00"), T("2026-09-02 10:00"), T("2026-09-03 10:00")],
            "first_contact_at": [T("2026-09-01 11:00"), None, T("2026-09-03 12:00")],
            "trigger": ["score", "hot_lead", "score"],
            "team": ["is_east"] * 3,
            "attempts": [1, 0, 2],
        }
    )
    every = {"measure": "count", "table": "handoffs", "time": "handed_off_at"}
    kpis = [
        kpi("handoffs", every),
        kpi("hot", {**every, "filter": "trigger = 'hot_lead'"}),
        kpi("contacted", {**every, "filter": "first_contact_at is not null"}),
    ]
    result = measure(tmp_path, {"leads": leads([{"lead_id": "L1"}]), "handoffs": handoffs}, kpis)
    # September: 3 hand-offs, 1 hot, 2 contacted (H2 never).
    assert [values(result.kpis[k])["2026-09"] for k in ("handoffs", "hot", "contacted")] == [3.0, 1.0, 2.0]
