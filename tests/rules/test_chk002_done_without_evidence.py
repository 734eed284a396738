from __future__ import annotations

from generator.rules.chk002_done_without_evidence import DoneWithoutEvidence

from .conftest import Sandbox

RULE = DoneWithoutEvidence()


def test_done_item_without_evidence_is_a_warning(sandbox: Sandbox) -> None:
    sandbox.edit(
        "definitions/checklists/nurture_design.yml",
        "    state: done\n    evidence:\n      - {kind: kpi, ref: mql_to_sql_rate}\n",
        "    state: done\n",
    )
    assert sandbox.found(RULE) == ["definitions/checklists/nurture_design.yml:22:12 CHK002 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
