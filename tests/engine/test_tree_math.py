"""The KPI tree both ways, on DOMAIN.md's worked example and cases where rounding or combining matters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.engine.tree_math import (
    build_nodes,
    forecast_values,
    required_values,
    round_up_count,
    tree_target,
    tree_values,
)
from generator.loading.safe_yaml import YamlDocument
from generator.model.kpi import Kpi, Target
from generator.model.project import Loaded, Project
from generator.model.tree import KpiTree

DEADLINE = "2027-03-31"


def kpi(
    kpi_id: str,
    kind: str,
    unit: str,
    target: float | None = None,
    *,
    parent: str | None = None,
    combine: str | None = None,
    role: str | None = None,
    level: str = "kpi",
) -> Loaded[Kpi]:
    data: dict[str, Any] = {
        "id": kpi_id,
        "name": kpi_id,
        "name_en": kpi_id,
        "description": "test",
        "stage": "bottom",
        "kind": kind,
        "unit": unit,
        "grain": "month",
        "compute": {"measure": "count", "table": "leads", "time": "created_at"},
        "owner": {"team": "marketing", "person": "佐藤"},
        "phase": "operating",
        "cadence": "monthly",
        "tree": {"level": level, "parent": parent, "combine": combine, "role": role},
        "targets": []
        if target is None
        else [{"value": target, "deadline": DEADLINE, "direction": "at_least", "scope": "FY2026"}],
    }
    return Loaded(Kpi.model_validate(data), f"metrics/{kpi_id}.yml", YamlDocument({}))


def domain_project(average_deal_size: float = 5_000_000) -> Project:
    """DOMAIN.md: ¥100M = deals × average; deals = SQLs × win rate; SQLs = MQLs × MQL→SQL rate."""
    kpis = (
        kpi("marketing_sourced_revenue", "currency", "yen", 100_000_000, combine="product", level="kgi"),
        kpi("deals_won", "volume", "count", 20, parent="marketing_sourced_revenue", combine="product"),
        kpi("average_deal_size", "currency", "yen", average_deal_size, parent="marketing_sourced_revenue"),
        kpi("sql_count", "volume", "count", 100, parent="deals_won", combine="product"),
        kpi("sql_to_won_rate", "rate", "percent", 0.20, parent="deals_won"),
        kpi("mql_count", "volume", "count", 500, parent="sql_count", combine="contributes"),
        kpi("mql_to_sql_rate", "rate", "percent", 0.20, parent="sql_count"),
        kpi("email_open_rate", "rate", "percent", 0.25, parent="mql_count", level="activity"),
    )
    tree = KpiTree(
        kgi="marketing_sourced_revenue",
        name="売上",
        description="d",
        ksfs=[{"id": "k1", "name": "n", "description": "d"}],
    )
    return Project(kpis=kpis, tree=Loaded(tree, "definitions/tree.yml", YamlDocument({})))


def required_of(project: Project) -> dict[str, tuple[float | None, str | None]]:
    nodes = build_nodes(project)
    return {k: (v.value, v.rounding) for k, v in required_values(nodes, "marketing_sourced_revenue").items()}


def test_domain_example_backwards_gives_20_deals_100_sqls_500_mqls() -> None:
    # ¥100,000,000 ÷ ¥5,000,000 = 20 deals; 20 ÷ 0.20 = 100 SQLs; 100 ÷ 0.20 = 500 MQLs.
    # All whole: no rounding.
    required = required_of(domain_project())
    assert required == {
        "marketing_sourced_revenue": (100_000_000, None),
        "deals_won": (20.0, None),
        "average_deal_size": (5_000_000, None),
        "sql_count": (100.0, None),
        "sql_to_won_rate": (0.20, None),
        "mql_count": (500.0, None),
        "mql_to_sql_rate": (0.20, None),
    }


def test_rounding_up_flows_down_and_is_stated() -> None:
    # ¥100M ÷ ¥4.8M = 20.833… deals → 21 (a fraction of a deal cannot be won);
    # 21 ÷ 0.20 = 105 SQLs; 105 ÷ 0.20 = 525 MQLs (from the rounded 21, not from 20.83).
    required = required_of(domain_project(average_deal_size=4_800_000))
    assert required["deals_won"] == (21.0, "20.83 → 21 件に切り上げ")
    assert required["sql_count"] == (105.0, None)
    assert required["mql_count"] == (525.0, None)


def test_activity_under_a_contributes_parent_gets_no_required_value() -> None:
    required = required_of(domain_project())
    assert "email_open_rate" not in required


def test_forward_forecast_from_actuals() -> None:
    # 480 MQLs × 0.19 = 91.2 SQLs; × 0.21 = 19.152 deals; × ¥4,800,000 = ¥91,929,600.
    actuals = {
        "mql_count": 480.0,
        "mql_to_sql_rate": 0.19,
        "sql_to_won_rate": 0.21,
        "average_deal_size": 4_800_000.0,
    }
    forecasts = forecast_values(build_nodes(domain_project()), "marketing_sourced_revenue", actuals)
    assert forecasts["sql_count"] == pytest.approx(91.2)
    assert forecasts["deals_won"] == pytest.approx(19.152)
    assert forecasts["marketing_sourced_revenue"] == pytest.approx(91_929_600.0)
    # mql_count's children only contribute: its forecast is its own actual.
    assert forecasts["mql_count"] == 480.0


def test_forecast_is_unknown_when_an_input_is_missing() -> None:
    actuals = {
        "mql_count": 480.0,
        "mql_to_sql_rate": 0.19,
        "sql_to_won_rate": None,
        "average_deal_size": 4_800_000.0,
    }
    forecasts = forecast_values(build_nodes(domain_project()), "marketing_sourced_revenue", actuals)
    assert forecasts["sql_count"] == pytest.approx(91.2)
    assert forecasts["deals_won"] is None
    assert forecasts["marketing_sourced_revenue"] is None


def test_tree_values_lists_the_tree_from_the_kgi_then_the_rest() -> None:
    project = domain_project(average_deal_size=4_800_000)
    extra = kpi("unsubscribe_rate", "rate", "percent", 0.002)
    project = Project(kpis=(*project.kpis, extra), tree=project.tree)
    actuals = {
        "mql_count": 480.0,
        "mql_to_sql_rate": 0.19,
        "sql_to_won_rate": 0.21,
        "average_deal_size": 4_800_000.0,
    }
    values = tree_values(project, actuals)
    assert [v.kpi_id for v in values] == [
        "marketing_sourced_revenue",
        "average_deal_size",
        "deals_won",
        "sql_count",
        "mql_count",
        "email_open_rate",
        "mql_to_sql_rate",
        "sql_to_won_rate",
        "unsubscribe_rate",
    ]
    deals = values[2]
    assert (deals.target, deals.required, deals.actual) == (20, 21.0, None)
    assert deals.forecast == pytest.approx(19.152)
    assert deals.rounding == "20.83 → 21 件に切り上げ"
    assert values[-1].required is None
    assert values[-1].forecast is None  # no actual given


def test_ratio_parent_solves_for_the_denominator_volume() -> None:
    # CPL ¥7,000 = cost ¥10,000,000 ÷ leads → leads = 10,000,000 ÷ 7,000 = 1,428.57 → 1,429.
    project = Project(
        kpis=(
            kpi("cost_per_lead", "currency", "yen", 7_000, combine="ratio", level="kgi"),
            kpi("acquisition_cost", "currency", "yen", 10_000_000, parent="cost_per_lead", role="numerator"),
            kpi("new_leads", "volume", "count", None, parent="cost_per_lead", role="denominator"),
        )
    )
    required = required_values(build_nodes(project), "cost_per_lead")
    assert required["new_leads"].value == 1429.0
    assert required["new_leads"].rounding == "1,428.57 → 1,429 件に切り上げ"
    # Forward: ¥9,000,000 ÷ 1,000 leads = ¥9,000.
    forecasts = forecast_values(
        build_nodes(project), "cost_per_lead", {"acquisition_cost": 9e6, "new_leads": 1000.0}
    )
    assert forecasts["cost_per_lead"] == 9000.0


def test_sum_parent_gives_the_remainder_to_the_only_child_without_target() -> None:
    # 500 MQLs = webinar 180 + white paper 150 + the rest: 500 − 330 = 170.
    project = Project(
        kpis=(
            kpi("mql_count", "volume", "count", 500, combine="sum", level="kgi"),
            kpi("webinar_mqls", "volume", "count", 180, parent="mql_count"),
            kpi("whitepaper_mqls", "volume", "count", 150, parent="mql_count"),
            kpi("other_mqls", "volume", "count", None, parent="mql_count"),
        )
    )
    nodes = build_nodes(project)
    required = required_values(nodes, "mql_count")
    assert required["other_mqls"].value == 170.0
    assert required["webinar_mqls"].value == 180.0
    forecasts = forecast_values(
        nodes, "mql_count", {"webinar_mqls": 170.0, "whitepaper_mqls": 160.0, "other_mqls": 90.0}
    )
    assert forecasts["mql_count"] == 420.0


def test_product_with_two_volume_children_has_no_required_value() -> None:
    project = Project(
        kpis=(
            kpi("revenue", "currency", "yen", 1_000_000, combine="product", level="kgi"),
            kpi("deals", "volume", "count", None, parent="revenue"),
            kpi("seats", "volume", "count", None, parent="revenue"),
        )
    )
    required = required_values(build_nodes(project), "revenue")
    assert required["deals"].value is None
    assert required["seats"].value is None


def test_product_without_the_assumption_target_leaves_the_volume_open() -> None:
    project = Project(
        kpis=(
            kpi("deals", "volume", "count", 20, combine="product", level="kgi"),
            kpi("sqls", "volume", "count", None, parent="deals"),
            kpi("win_rate", "rate", "percent", None, parent="deals"),
        )
    )
    assert required_values(build_nodes(project), "deals")["sqls"].value is None


def test_round_up_count_ignores_float_noise() -> None:
    assert round_up_count(20 / 0.2 * 1.0000000000001) == round_up_count(100.0)
    assert round_up_count(19.6).rounding == "19.6 → 20 件に切り上げ"
    assert round_up_count(19.6).value == 20.0


def test_tree_target_is_the_latest_deadline() -> None:
    quarter = Target(value=120, deadline=dt.date(2026, 6, 30), direction="at_least", scope="Q1")
    year = Target(value=500, deadline=dt.date(2027, 3, 31), direction="at_least", scope="FY")
    assert tree_target([quarter, year]) == year
    assert tree_target([]) is None
