from __future__ import annotations

from generator.rules.tree004_missing_parent import MissingParent

from .conftest import Sandbox

RULE = MissingParent()


def test_kpi_without_parent_or_ksf(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count\n  ksf: lead_volume\n", "")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:26:3 TREE004"]


def test_kpi_under_its_ksf_needs_no_parent(sandbox: Sandbox) -> None:
    # Where no KPI fits as the parent (ROI does not drive the number of leads), the KSF is the attachment.
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count\n", "")
    assert sandbox.found(RULE) == []


def test_kgi_with_parent(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  level: kgi\n", "  level: kgi\n  parent: deals_won\n")
    assert sandbox.found(RULE) == ["metrics/revenue.yml:31:11 TREE004"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
