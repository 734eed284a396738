from __future__ import annotations

from generator.rules.own001_unknown_team import UnknownTeam

from .conftest import Sandbox

RULE = UnknownTeam()
SLA = "definitions/sla/standard_sla.yml"


def test_kpi_owner_team_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  team: marketing", "  team: marketting")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:15:9 OWN001"]
    assert "「marketing」の間違いですか" in sandbox.issues(RULE)[0].message_ja


def test_sla_agreed_by_responsibilities_and_signatories(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "  agreed_by: [marketing, inside_sales]", "  agreed_by: [marketing, is_team]")
    sandbox.edit(SLA, "  inside_sales: 期限内に", "  is_team: 期限内に")
    sandbox.edit(SLA, "{team: inside_sales,", "{team: is,")
    assert sandbox.found(RULE) == [f"{SLA}:8:26 OWN001", f"{SLA}:62:12 OWN001", f"{SLA}:65:12 OWN001"]


def test_checklist_item_owner(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/checklists/nurture_design.yml", "    owner: sales", "    owner: executives")
    assert sandbox.found(RULE) == ["definitions/checklists/nurture_design.yml:37:12 OWN001"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
