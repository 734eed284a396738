"""The search index knows the catalogue: a KPI's other names on its page's entry, reference pages last."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.project import Project
from generator.site.search_catalogue import (
    catalogue_words,
    tune_search_index,
    tuned_material_entries,
    tuned_zensical_items,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


def test_a_kpis_words_are_its_aliases_english_name_and_its_own_glossary_terms(project: Project) -> None:
    words = catalogue_words(project)
    # metrics/mql_to_sql_rate.yml: aliases [案件化率, SQL化率], name_en; no glossary term is spelled as it.
    assert words["kpis/mql_to_sql_rate/"] == ("案件化率", "SQL化率", "MQL to SQL conversion rate")
    # CPL(リード獲得単価): its glossary term CPL adds the term; リード獲得単価 is there once.
    assert words["kpis/cpl/"] == ("リード獲得単価", "リード単価", "Cost per lead", "CPL")
    # The term リード is related to 新規リード獲得数 but names a concept, not the KPI: not its word.
    assert "リード" not in words["kpis/new_leads/"]


def material_entries() -> list[dict[str, Any]]:
    return [
        {"location": "kpis/mql_to_sql_rate/", "title": "MQL→SQL転換率", "text": "…"},
        {"location": "kpis/mql_to_sql_rate/#formula", "title": "計算方法", "text": "…"},
        {"location": "quality/#checks-kpi-mql_to_sql_rate", "title": "MQL→SQL転換率", "text": "…"},
        {"location": "rules/#rule-kpi003", "title": "KPI003 データチェックがある", "text": "…"},
        {"location": "glossary/#term-mql", "title": "MQL", "text": "…"},
    ]


def test_material_a_kpi_page_carries_its_names_as_tags_and_reference_pages_weigh_less() -> None:
    words = {"kpis/mql_to_sql_rate/": ("案件化率", "R&D <b>")}
    tuned = tuned_material_entries(material_entries(), words)
    assert tuned[0]["tags"] == ["MQL→SQL転換率", "案件化率", "R&amp;D &lt;b&gt;"]  # definition text, escaped
    assert tuned[0]["boost"] == 2.0
    assert "tags" not in tuned[1] and "boost" not in tuned[1]  # a section of the page: unchanged
    assert [e.get("boost") for e in tuned[2:]] == [0.1, 0.1, None]


def test_zensical_a_kpi_title_names_its_words_and_reference_sections_give_up_theirs() -> None:
    items = [
        {"location": "kpis/cpl/", "title": "CPL(リード獲得単価)", "path": ["KPI"]},
        {"location": "quality/", "title": "データ品質", "path": []},
        {"location": "quality/#checks-kpi-cpl", "title": "CPL(リード獲得単価)", "path": ["データ品質"]},
        {"location": "glossary/#term-cpl", "title": "CPL", "path": ["用語集"]},
    ]
    tuned = tuned_zensical_items(items, {"kpis/cpl/": ("リード単価", "<i>")})
    assert tuned[0]["title"] == "CPL(リード獲得単価) — リード単価・&lt;i&gt;"
    assert tuned[1] == items[1]  # the page itself keeps its title
    assert tuned[2]["title"] == "データ品質"
    assert tuned[2]["path"] == ["データ品質", "CPL(リード獲得単価)"]
    assert tuned[3] == items[3]


def test_the_index_each_builder_wrote_is_rewritten_in_place(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    material = {"config": {"lang": ["ja"]}, "docs": material_entries()}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(material), encoding="utf-8")
    tune_search_index(tmp_path, {"kpis/mql_to_sql_rate/": ("案件化率",)})
    written = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert written["config"] == {"lang": ["ja"]}
    assert written["docs"][0]["tags"] == ["MQL→SQL転換率", "案件化率"]
    assert not (tmp_path / "search.json").exists()  # Zensical's index: not written by MkDocs
