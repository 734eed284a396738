from __future__ import annotations

import pytest

from generator.engine import dialects
from generator.rules.eng001_engine_dialect import EngineDialect

from .conftest import Sandbox

RULE = EngineDialect()


def test_every_kpi_of_the_minimal_project_compiles_exactly_for_spark(sandbox: Sandbox) -> None:
    sandbox.write("kpi.yml", "engine: spark\n")
    sandbox.edit(
        "metrics/speed_to_lead.yml", "  unit: business_hours\n  calendar: standard_sla\n", "  unit: hours\n"
    )
    assert sandbox.found(RULE) == []


def test_a_median_spark_could_only_approximate_fails_at_the_kpi(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the engine's exact spelling, sqlglot writes Spark's PERCENTILE_APPROX: refused."""
    sandbox.write("kpi.yml", "engine: spark\n")
    sandbox.edit(
        "metrics/speed_to_lead.yml", "  unit: business_hours\n  calendar: standard_sla\n", "  unit: hours\n"
    )
    monkeypatch.setattr(dialects, "_spark_spelling", lambda node: node)
    issues = list(RULE.check(sandbox.load().project))
    found = [(str(issue.location), issue.code) for issue in issues]
    assert found == [("metrics/speed_to_lead.yml:10:3", "ENG001")]  # the KPI's compute block
    assert "PERCENTILE_APPROX" in issues[0].message_en and "spark" in issues[0].message_en


def test_the_embedded_engine_is_not_compiled(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialects, "_spark_spelling", lambda node: node)
    assert sandbox.found(RULE) == []
