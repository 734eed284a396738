"""Search that knows the catalogue: a KPI's other names find its page, reference pages rank last.

Both builders index what a page shows, so 案件化率 (an alias of MQL→SQL転換率, listed in its facts
table as plain text) weighed no more than any word in any table, and 商談化率 (another KPI) or the
data-quality page (which names every KPI) came first. After the builder wrote its index, each KPI
page's own entry is given the KPI's catalogue words — aliases, English name and the synonyms of
glossary terms that stand for this one KPI — and the data-quality and rules pages are moved back:

- MkDocs + Material (lunr, ``search/search_index.json``): the name and the words become the entry's
  ``tags`` (a field Material weighs above the title), KPI pages get ``boost`` ×2 and reference pages
  ×0.1; ``search-ja.js`` puts a page whose tag is the query (or starts with it) first.
- Zensical (``search.json``): results are ordered by the weight of the best-matching field
  (title 3, path 2, text 1). The words are added to the entry's title, shown as
  「MQL→SQL転換率 — 案件化率・SQL化率・…」 so the reader sees why it matched; a reference page's
  sections are titled by their page (their heading moves into the path), below any KPI's title.

The words are definition text: they go into the index HTML-escaped, like every title there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model.glossary import Term
from ..model.kpi import Kpi
from ..model.project import Project

MATERIAL_INDEX = "search/search_index.json"
ZENSICAL_INDEX = "search.json"
# Pages that mention every KPI but are about something else: found, but after the KPI's own page.
REFERENCE_PAGES = ("quality/", "rules/")
KPI_BOOST = 2.0
REFERENCE_BOOST = 0.1

# 「CPL(リード獲得単価)」 names the KPI twice: CPL and リード獲得単価.
_NAME_PARTS = re.compile(r"[()()]")

CatalogueWords = Mapping[str, tuple[str, ...]]


def kpi_location(kpi_id: str) -> str:
    """The search index's location of a KPI's page (``use_directory_urls``)."""
    return f"kpis/{kpi_id}/"


def catalogue_words(project: Project) -> dict[str, tuple[str, ...]]:
    """Page location → the KPI's other names: aliases, English name, synonyms of its own glossary term."""
    words: dict[str, tuple[str, ...]] = {}
    for loaded in project.kpis:
        kpi = loaded.spec
        names = [*kpi.aliases, kpi.name_en]
        for term in own_terms(kpi, project.terms()):
            names.extend([term.term, *term.synonyms, term.english])
        words[kpi_location(kpi.id)] = _distinct(names, shown=kpi.name)
    return words


def own_terms(kpi: Kpi, terms: tuple[Term, ...]) -> list[Term]:
    """Glossary terms that name this KPI: related to it, and spelled as one of its names.

    CPL's term names the KPI 「CPL(リード獲得単価)」; the term リード, though related to 新規リード獲得数,
    names a concept, and its words would pull every query about leads to that one page.
    """
    names = {n.casefold() for n in (kpi.name, kpi.name_en, *kpi.aliases, *_NAME_PARTS.split(kpi.name)) if n}
    return [
        term
        for term in terms
        if kpi.id in term.related_kpis
        and any(w.casefold() in names for w in (term.term, term.english, *term.synonyms))
    ]


def _distinct(names: list[str], shown: str) -> tuple[str, ...]:
    seen: list[str] = []
    for name in (n.strip() for n in names):
        if name and name != shown and name.casefold() not in {s.casefold() for s in seen}:
            seen.append(name)
    return tuple(seen)


def tune_search_index(site: Path, words: CatalogueWords) -> None:
    """Rewrite whichever index the builder wrote in ``site`` (each builder writes one of the two)."""
    material = site / MATERIAL_INDEX
    if material.is_file():
        index = json.loads(material.read_text(encoding="utf-8"))
        index["docs"] = tuned_material_entries(index.get("docs") or [], words)
        # Material weighs tags ×1e6, titles ×1e3: a word shared by a tag (CVR's 転換率) would outrank a
        # KPI's whole name in another page's title. As much as a title, a catalogue word is a name.
        material.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    zensical = site / ZENSICAL_INDEX
    if zensical.is_file():
        index = json.loads(zensical.read_text(encoding="utf-8"))
        index["items"] = tuned_zensical_items(index.get("items") or [], words)
        zensical.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def tuned_material_entries(entries: list[dict[str, Any]], words: CatalogueWords) -> list[dict[str, Any]]:
    """Material's entries: a KPI page carries its names as tags and a boost; reference pages a low boost."""
    tuned = []
    for entry in entries:
        location = str(entry.get("location", ""))
        entry = dict(entry)
        if location in words:
            # Its own name (the title, already escaped) is a tag too: search-ja.js puts the page whose
            # tag is the query first, and beside other KPIs' tags its own name must weigh as much.
            names = [str(entry.get("title", "")), *(html.escape(w) for w in words[location])]
            entry["tags"] = [*entry.get("tags", []), *names]
            entry["boost"] = KPI_BOOST
        elif location.startswith(REFERENCE_PAGES):
            entry["boost"] = REFERENCE_BOOST
        tuned.append(entry)
    return tuned


def tuned_zensical_items(items: list[dict[str, Any]], words: CatalogueWords) -> list[dict[str, Any]]:
    """Zensical's items: a KPI page's title names its other names; reference sections give up their title.

    Zensical ranks by the weight of the best-matching field and has no boost: the data-quality page's
    section 「CPL(リード獲得単価)」 tied with the KPI's own page. A reference page's section is titled
    by its page instead, its own heading moved to the end of its path (shown as the result's trail).
    """
    page_titles = {str(i.get("location", "")): str(i.get("title", "")) for i in items}
    tuned = []
    for item in items:
        location = str(item.get("location", ""))
        item = dict(item)
        if words.get(location):
            item["title"] = f"{item.get('title', '')} — {'・'.join(html.escape(w) for w in words[location])}"
        elif location.startswith(REFERENCE_PAGES) and "#" in location:
            page = location.split("#", 1)[0]
            item["path"] = [*item.get("path", []), item.get("title", "")]
            item["title"] = page_titles.get(page, item.get("title", ""))
        tuned.append(item)
    return tuned
