from __future__ import annotations

from generator.rules.id001_id_matches_file_name import IdMatchesFileName

from .conftest import Sandbox

RULE = IdMatchesFileName()


def test_kpi_file_renamed(sandbox: Sandbox) -> None:
    sandbox.move("metrics/cost_per_mql.yml", "metrics/cost_per_lead.yml")
    assert sandbox.found(RULE) == ["metrics/cost_per_lead.yml:1:5 ID001"]
    issue = sandbox.issues(RULE)[0]
    assert "cost_per_lead" in issue.message_ja and "cost_per_mql.yml" in issue.message_ja


def test_checklist_and_sla_ids(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/checklists/nurture_design.yml", "id: nurture_design", "id: nurture")
    sandbox.edit("definitions/sla/standard_sla.yml", "id: standard_sla", "id: sla_2026")
    assert sandbox.found(RULE) == [
        "definitions/checklists/nurture_design.yml:1:5 ID001",
        "definitions/sla/standard_sla.yml:1:5 ID001",
    ]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
