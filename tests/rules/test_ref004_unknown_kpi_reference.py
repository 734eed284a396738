from __future__ import annotations

from generator.rules.ref004_unknown_kpi_reference import UnknownKpiReference

from .conftest import Sandbox

RULE = UnknownKpiReference()


def test_derived_name_is_neither_kpi_nor_param(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "revenue / deals_won", "revenue / deal_won")
    assert sandbox.found(RULE) == ["metrics/avg_deal_size.yml:11:15 REF004"]
    assert "did you mean 'deals_won'" in sandbox.issues(RULE)[0].message_en


def test_params_are_allowed_names(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/avg_deal_size.yml", "revenue / deals_won", "revenue / deals_won * tax")
    sandbox.edit("metrics/avg_deal_size.yml", "grain: month\n", "grain: month\nparams: {tax: 1.1}\n")
    assert sandbox.found(RULE) == []


def test_ratio_operand_kpi(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/cost_per_mql.yml", "    kpi: mql_count", "    kpi: mql_counts")
    assert sandbox.found(RULE) == ["metrics/cost_per_mql.yml:17:10 REF004"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
