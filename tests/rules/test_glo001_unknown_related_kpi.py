from __future__ import annotations

from generator.rules.glo001_unknown_related_kpi import UnknownRelatedKpi

from .conftest import Sandbox

RULE = UnknownRelatedKpi()


def test_related_kpi_typo(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/glossary.yml", "[mql_count, mql_to_sql_rate]", "[mql_counts, mql_to_sql_rate]")
    assert sandbox.found(RULE) == ["definitions/glossary.yml:16:20 GLO001"]
    assert "「mql_count」の間違いですか" in sandbox.issues(RULE)[0].message_ja


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
