from __future__ import annotations

from generator.rules.kpi005_unknown_pair import UnknownPair

from .conftest import Sandbox

RULE = UnknownPair()


def test_pair_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "pair: mql_to_sql_rate", "pair: mql_sql_rate")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:34:7 KPI005"]
    assert "did you mean 'mql_to_sql_rate'" in sandbox.issues(RULE)[0].message_en


def test_pair_with_itself(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "pair: mql_to_sql_rate", "pair: mql_count")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:34:7 KPI005"]


def test_pair_in_a_broken_file_is_not_reported_twice(sandbox: Sandbox) -> None:
    sandbox.write("metrics/mql_to_sql_rate.yml", "id: [broken\n")
    loaded = sandbox.load()
    assert [i.code for i in loaded.issues] == ["YAML002"]
    assert list(RULE.check(loaded.project)) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
