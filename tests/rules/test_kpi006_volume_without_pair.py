from __future__ import annotations

from generator.rules.kpi006_volume_without_pair import VolumeWithoutPair

from .conftest import Sandbox

RULE = VolumeWithoutPair()


def test_volume_without_pair_is_a_warning(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/deals_won.yml", "pair: sql_to_won_rate\n", "")
    assert sandbox.found(RULE) == ["metrics/deals_won.yml:6:7 KPI006 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
