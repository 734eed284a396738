from __future__ import annotations

from generator.rules.tree006_ksf_unmeasured import KsfUnmeasured

from .conftest import Sandbox

RULE = KsfUnmeasured()


def test_ksf_nobody_measures(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  ksf: fast_followup", "  ksf: nurture_quality")
    sandbox.edit("metrics/sla_compliance.yml", "  ksf: fast_followup", "  ksf: nurture_quality")
    assert sandbox.found(RULE) == ["definitions/tree.yml:11:9 TREE006"]


def test_skipped_while_a_kpi_file_is_broken(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/speed_to_lead.yml", "  ksf: fast_followup", "  ksf: nurture_quality")
    sandbox.write("metrics/sla_compliance.yml", "- not a mapping\n")
    loaded = sandbox.load()
    assert [i.code for i in loaded.issues] == ["YAML009"]
    assert list(RULE.check(loaded.project)) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
