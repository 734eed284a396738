from __future__ import annotations

from generator.rules.sla002_threshold_unreachable import ThresholdUnreachable

from .conftest import Sandbox

RULE = ThresholdUnreachable()
SLA = "definitions/sla/standard_sla.yml"


def test_threshold_above_every_point(sandbox: Sandbox) -> None:
    # 15 (industry) + 20 × 2 (downloads) + 30 (pricing) = 85 points at most.
    sandbox.edit(SLA, "  threshold: 60", "  threshold: 86")
    assert sandbox.found(RULE) == [f"{SLA}:21:14 SLA002"]
    assert "add up to 85" in sandbox.issues(RULE)[0].message_en


def test_threshold_exactly_reachable(sandbox: Sandbox) -> None:
    sandbox.edit(SLA, "  threshold: 60", "  threshold: 85")
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
