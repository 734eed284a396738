"""Bad data through a whole ``kpi build``: the KPIs it feeds are withheld on every page, never published.

The render tests (tests/render/test_data_problem_pages.py) prove the pages with a made-up check report;
this one runs the real chain — sample data with NaN amounts, the data checks, the pages, the summary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from generator.commands.build import run_build
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow

WITHHELD = "データに問題あり"


def test_nan_amounts_withhold_the_revenue_kpis_on_every_page(make_project: Callable[[str], Path]) -> None:
    project = make_project("nan-amounts")
    deals_file = project / "data" / "deals.parquet"
    deals = pq.read_table(deals_file)
    amounts = deals.column("amount_yen").to_pylist()
    # Every third deal's amount lost in the export: the KGI would silently drop by about a third.
    damaged = [float("nan") if i % 3 == 0 else amount for i, amount in enumerate(amounts)]
    index = deals.schema.get_field_index("amount_yen")
    pq.write_table(deals.set_column(index, "amount_yen", pa.array(damaged, pa.float64())), deals_file)

    site = project / "site"
    assert run_build(Workspace(project), site) == 0  # published, with the affected KPIs withheld

    revenue = (site / "kpis/marketing_sourced_revenue/index.html").read_text(encoding="utf-8")
    assert WITHHELD in revenue and "deals.amount_yen" in revenue
    assert not re.search(r"状態.{0,80}(順調|要注意|未達)", revenue)  # not judged
    home = (site / "index.html").read_text(encoding="utf-8")
    assert WITHHELD in home
    summary = json.loads((site / "assets/kpi-summary.json").read_text(encoding="utf-8"))
    entries = summary["kpis"]
    assert entries["marketing_sourced_revenue"]["value"] is None
    assert any("amount_yen" in check for check in summary["failed_checks"])
    # A KPI that reads no amount is still measured and shown.
    assert entries["new_leads"]["value"] is not None
    # The withheld KPI publishes no CSV either.
    assert not (site / "kpis/marketing_sourced_revenue/marketing_sourced_revenue-series.csv").exists()
    assert (site / "kpis/new_leads/new_leads-series.csv").exists()
