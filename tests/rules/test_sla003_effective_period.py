from __future__ import annotations

from generator.rules.sla003_effective_period import EffectivePeriod

from .conftest import Sandbox

RULE = EffectivePeriod()


def test_ends_before_it_starts(sandbox: Sandbox) -> None:
    sandbox.edit(
        "definitions/sla/standard_sla.yml", "effective_until: 2027-03-31", "effective_until: 2026-03-31"
    )
    assert sandbox.found(RULE) == ["definitions/sla/standard_sla.yml:5:18 SLA003"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
