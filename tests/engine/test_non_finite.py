"""An infinite amount never becomes a KPI value: the KPI says it cannot be measured, and why.

(A NaN amount is read like an empty one and drops out of the sum; the ``finite`` table check counts
both, and the site withholds the KPIs reading the column: see tests/checks/test_numeric_checks.py.)
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from measure_kit import T, kpi, leads, project, values, write_tables

from generator.engine import measure_project

REVENUE = kpi(
    "revenue", {"measure": "sum", "table": "deals", "column": "amount_yen", "time": "closed_at"}, unit="yen"
)
WON = kpi("won", {"measure": "count", "table": "deals", "time": "closed_at"})
DEAL_SIZE = kpi("deal_size", {"measure": "derived", "expression": "revenue / won"}, unit="yen")


def deals(amounts: list[float]) -> pd.DataFrame:
    n = len(amounts)
    return pd.DataFrame(
        {
            "deal_id": [f"d{i}" for i in range(n)],
            "lead_id": ["L1"] * n,
            "created_at": [T("2026-06-01")] * n,
            "stage": ["closed_won"] * n,
            "amount_yen": amounts,
            "is_won": [True] * n,
            "closed_at": [T("2026-09-10")] * n,
        }
    )


@pytest.mark.parametrize("bad", [math.inf, -math.inf], ids=["inf", "-inf"])
def test_an_infinite_amount_is_an_error_not_a_value(tmp_path: Path, bad: float) -> None:
    data = write_tables(tmp_path / "data", {"leads": leads([{"lead_id": "L1"}]), "deals": deals([100.0])})
    table = pq.read_table(data / "deals.parquet")
    amounts = pa.array([bad], type=pa.float64(), from_pandas=False)  # a real NaN, not an empty value
    pq.write_table(
        table.set_column(table.schema.get_field_index("amount_yen"), "amount_yen", amounts),
        data / "deals.parquet",
    )
    result = measure_project(project([REVENUE, WON, DEAL_SIZE]), data)
    revenue = result.kpis["revenue"]
    assert revenue.series == ()
    assert revenue.error is not None and "2026-09" in revenue.error and "finite" in revenue.error
    assert [p.value for p in result.kpis["deal_size"].series if p.value is not None] == []  # none from ∞
    assert values(result.kpis["won"])["2026-09"] == 1.0  # the count does not read the amount
