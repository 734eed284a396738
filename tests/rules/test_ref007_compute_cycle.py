from __future__ import annotations

from generator.rules.ref007_compute_cycle import ComputeCycle

from .conftest import Sandbox

RULE = ComputeCycle()
DEALS_COMPUTE = """compute:
  measure: count
  table: deals
  time: closed_at
  filter: "is_won"
"""


def test_two_kpis_computed_from_each_other(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/deals_won.yml",
        DEALS_COMPUTE,
        "compute:\n  measure: derived\n  expression: revenue / avg_deal_size\n",
    )
    assert sandbox.found(RULE) == ["metrics/avg_deal_size.yml:11:15 REF007"]
    assert "avg_deal_size → deals_won → avg_deal_size" in sandbox.issues(RULE)[0].message_en


def test_ratio_of_itself(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/cost_per_mql.yml", "    kpi: mql_count", "    kpi: cost_per_mql")
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:17:10 REF007"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
