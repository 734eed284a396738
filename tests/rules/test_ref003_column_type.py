from __future__ import annotations

from generator.rules.ref003_column_type import ColumnType

from .conftest import Sandbox

RULE = ColumnType()


def test_sum_of_a_text_column(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/revenue.yml", "  column: amount_yen", "  column: stage")
    assert sandbox.found(RULE) == ["metrics/revenue.yml:12:11 REF003"]


def test_time_column_that_is_not_a_timestamp(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/mql_count.yml", "  time: mql_at", "  time: is_target_industry")
    assert sandbox.found(RULE) == ["metrics/mql_count.yml:12:9 REF003"]
    assert "is boolean" in sandbox.issues(RULE)[0].message_en


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
