from __future__ import annotations

from generator.rules.own002_person_not_in_team import PersonNotInTeam

from .conftest import Sandbox

RULE = PersonNotInTeam()


def test_owner_not_a_member_is_a_warning(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  person: 佐藤 美咲", "  person: 鈴木 翔")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:16:11 OWN002 warning"]


def test_signatory_not_a_member(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/sla/standard_sla.yml", "person: 鈴木 翔, role", "person: 田中 一郎, role")
    assert sandbox.found(RULE) == ["definitions/sla/standard_sla.yml:65:34 OWN002 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
