from __future__ import annotations

from generator.rules.tree001_unknown_parent import UnknownParent

from .conftest import Sandbox

RULE = UnknownParent()


def test_parent_typo(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  parent: sql_count", "  parent: sql_counts")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:27:11 TREE001"]


def test_parent_in_a_broken_file_is_not_reported(sandbox: Sandbox) -> None:
    sandbox.write("metrics/sql_count.yml", "id: sql_count\nname: [\n")
    loaded = sandbox.load()
    assert [(str(i.location), i.code) for i in loaded.issues] == [("metrics/sql_count.yml:3:1", "YAML002")]
    assert list(RULE.check(loaded.project)) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
