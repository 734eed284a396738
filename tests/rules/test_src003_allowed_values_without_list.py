from __future__ import annotations

from generator.rules.src003_allowed_values_without_list import AllowedValuesWithoutList

from .conftest import Sandbox

RULE = AllowedValuesWithoutList()


def test_allowed_values_check_on_a_free_text_column(sandbox: Sandbox) -> None:
    sandbox.edit(
        "definitions/sources.yml",
        "{check: allowed_values, column: channel}",
        "{check: allowed_values, column: lead_id}",
    )
    assert sandbox.found(RULE) == ["definitions/sources.yml:22:41 SRC003 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
