from __future__ import annotations

from generator.rules.tree005_unknown_ksf import UnknownKsf

from .conftest import Sandbox

RULE = UnknownKsf()


def test_ksf_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  ksf: lead_volume", "  ksf: leads_volume")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:28:8 TREE005"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
