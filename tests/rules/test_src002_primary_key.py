from __future__ import annotations

from generator.rules.src002_primary_key import PrimaryKey

from .conftest import Sandbox

RULE = PrimaryKey()
SOURCES = "definitions/sources.yml"


def test_primary_key_is_not_a_column(sandbox: Sandbox) -> None:
    sandbox.edit(SOURCES, "    primary_key: lead_id", "    primary_key: id")
    assert sandbox.found(RULE) == [f"{SOURCES}:6:18 SRC002"]


def test_nullable_primary_key(sandbox: Sandbox) -> None:
    sandbox.edit(SOURCES, "    primary_key: handoff_id", "    primary_key: first_contact_at")
    assert sandbox.found(RULE) == [f"{SOURCES}:42:18 SRC002"]
    assert "nullable" in sandbox.issues(RULE)[0].message_en


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
