from __future__ import annotations

from generator.rules.glo002_unknown_term import UnknownTerm

from .conftest import Sandbox

RULE = UnknownTerm()


def test_term_missing_from_glossary(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/mql_to_sql_rate.yml",
        "terms: [MQL, SQL, マーケティング認定リード]",
        "terms: [MQL, SQL, ナーチャリング]",
    )
    assert sandbox.found(RULE) == ["metrics/mql_to_sql_rate.yml:35:19 GLO002"]


def test_case_and_width_do_not_matter(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/mql_to_sql_rate.yml",
        "terms: [MQL, SQL, マーケティング認定リード]",
        "terms: [ｍｑｌ, sql, inside_sales]",
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
