from __future__ import annotations

from generator.rules.id002_unique_ids import UniqueIds

from .conftest import Sandbox

RULE = UniqueIds()


def test_kpi_id_in_two_files(sandbox: Sandbox) -> None:
    sandbox.write("metrics/mql_count_copy.yml", sandbox.read("metrics/mql_count.yml"))
    assert sandbox.found(RULE) == ["metrics/mql_count_copy.yml:1:5 ID002"]
    assert "metrics/mql_count.yml:1" in sandbox.issues(RULE)[0].message_ja


def test_synonym_repeats_a_term_in_full_width(sandbox: Sandbox) -> None:
    sandbox.edit(
        "definitions/glossary.yml",
        "    definition: IS が商談にすべきと判定したリード。\n",
        "    definition: IS が商談にすべきと判定したリード。\n    synonyms: [ｍｑｌ]\n",
    )
    assert sandbox.found(RULE) == ["definitions/glossary.yml:23:16 ID002"]
    assert "definitions/glossary.yml:10" in sandbox.issues(RULE)[0].message_en


def test_checklist_item_ids(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/checklists/nurture_design.yml", "  - id: deadline_set", "  - id: mql_defined")
    assert sandbox.found(RULE) == ["definitions/checklists/nurture_design.yml:12:9 ID002"]


def test_column_names_within_a_table(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/sources.yml", "{name: sql_at,", "{name: mql_at,")
    assert sandbox.found(RULE) == ["definitions/sources.yml:17:16 ID002"]


def test_scoring_rule_ids_within_the_sla(sandbox: Sandbox) -> None:
    sandbox.edit("definitions/sla/standard_sla.yml", "    - id: pricing_view", "    - id: target_industry")
    assert sandbox.found(RULE) == ["definitions/sla/standard_sla.yml:33:11 ID002"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
