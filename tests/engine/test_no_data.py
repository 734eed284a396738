"""No data is not zero: sums over empty amounts and rates over unrecorded stages are None, not ¥0 / 0%.

As of 2026-09-30, monthly series; the months asserted are July, August and September 2026.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from measure_kit import T, kpi, leads, measure, values

from generator.model.measurement import MeasurementSet

WON_REVENUE = kpi(
    "won_revenue",
    {"measure": "sum", "table": "deals", "column": "amount_yen", "time": "closed_at", "filter": "is_won"},
)
LEAD_TO_SQL = kpi(
    "lead_to_sql",
    {
        "measure": "conversion",
        "table": "leads",
        "cohort": "created_at",
        "converted": "sql_at",
        "window_days": 90,
    },
)


def deals(rows: list[tuple[str, str, bool, float | None]]) -> pd.DataFrame:
    """Deals from (id, closed day, won, amount); each belongs to lead L1."""
    return pd.DataFrame(
        [
            {
                "deal_id": deal_id,
                "lead_id": "L1",
                "created_at": T("2026-06-01"),
                "stage": "closed_won" if won else "closed_lost",
                "amount_yen": amount,
                "is_won": won,
                "closed_at": T(closed),
            }
            for deal_id, closed, won, amount in rows
        ]
    )


def cohort(sql_at: dict[str, str | None]) -> pd.DataFrame:
    """Leads L1–L3 created in August, L4–L5 in September; ``sql_at`` per lead id."""
    created = {
        "L1": "2026-08-03",
        "L2": "2026-08-10",
        "L3": "2026-08-20",
        "L4": "2026-09-02",
        "L5": "2026-09-05",
    }
    return leads(
        [
            {"lead_id": lead, "created_at": T(day), "sql_at": T(sql_at[lead]) if sql_at.get(lead) else None}
            for lead, day in created.items()
        ]
    )


def run(tmp_path: Path, people: pd.DataFrame, sales: pd.DataFrame) -> MeasurementSet:
    return measure(tmp_path, {"leads": people, "deals": sales}, [WON_REVENUE, LEAD_TO_SQL])


def test_a_month_without_a_won_deal_is_zero_and_a_month_of_empty_amounts_is_no_data(tmp_path: Path) -> None:
    sales = deals(
        [
            ("D1", "2026-07-10", True, 100.0),  # July: 100 + 50 = 150
            ("D2", "2026-07-20", True, 50.0),
            ("D3", "2026-08-05", False, 80.0),  # August: a deal closed, lost → no won deal: a real ¥0
            ("D4", "2026-09-03", True, None),  # September: a won deal without an amount → no data
        ]
    )
    revenue = values(run(tmp_path, cohort({"L1": "2026-08-09"}), sales).kpis["won_revenue"])
    assert (revenue["2026-07"], revenue["2026-08"], revenue["2026-09"]) == (150.0, 0.0, None)
    assert revenue["2026-06"] == 0.0  # no deal closed in June at all, amounts exist elsewhere: ¥0


def test_an_amount_column_without_any_value_is_no_data_in_every_month(tmp_path: Path) -> None:
    # The same deals, none with an amount: the export did not carry it.
    sales = deals(
        [
            ("D1", "2026-07-10", True, None),
            ("D3", "2026-08-05", False, None),
            ("D4", "2026-09-03", True, None),
        ]
    )
    revenue = values(run(tmp_path, cohort({"L1": "2026-08-09"}), sales).kpis["won_revenue"])
    assert set(revenue.values()) == {None}  # June, July, August (no won deal), September alike


def test_a_cohort_with_members_and_no_conversion_is_zero_percent(tmp_path: Path) -> None:
    # August: L1 of L1–L3 reached SQL → 1/3. September: L4, L5, none reached SQL → a real 0%.
    measured = run(tmp_path, cohort({"L1": "2026-08-09"}), deals([("D1", "2026-07-10", True, 1.0)]))
    rates = values(measured.kpis["lead_to_sql"])
    assert rates["2026-08"] == 1 / 3
    assert rates["2026-09"] == 0.0


def test_a_stage_never_recorded_is_no_data_not_zero_percent(tmp_path: Path) -> None:
    # No lead has sql_at: the SQL stage is not in the data. August still has its 3 members.
    measured = run(tmp_path, cohort({}), deals([("D1", "2026-07-10", True, 1.0)]))
    series = {p.period: p for p in measured.kpis["lead_to_sql"].series}
    assert (series["2026-08"].value, series["2026-08"].numerator, series["2026-08"].denominator) == (
        None,
        None,
        3.0,
    )
    assert series["2026-09"].value is None
