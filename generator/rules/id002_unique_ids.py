"""ID002 unique-ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from ..loading.safe_yaml import Path_
from ..model.issue import Issue, Location
from ..model.project import Loaded, Project
from .base import Rule
from .lookup import normalise

# (comparison key, text shown, where it is written)
Entry = tuple[str, str, Location]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class UniqueIds(Rule):
    """Ids are unique within their kind: KPIs, SLAs, checklists, items of one checklist, glossary terms
    (and the words of terms and synonyms), tables, columns of a table, teams, KSFs, and the ids inside an SLA.

    Bad (``definitions/glossary.yml``)::

        terms:
          - {id: mql, term: MQL, ...}
          - {id: mql, term: マーケティング認定リード, ...}

    Good::

        terms:
          - {id: mql, term: MQL, synonyms: [マーケティング認定リード], ...}
    """

    code = "ID002"
    name = "unique-ids"
    title_ja = "id が重複しない"
    summary_ja = (
        "同じ種類の中で id が重複しないこと(KPI、SLA、チェックリストと項目、用語と同義語、テーブル"
        "と列、チーム、KSF、SLA 内の id)。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kind_ja, kind_en, entries in _groups(project):
            seen: dict[str, tuple[str, Location]] = {}
            for key, shown, where in entries:
                if key not in seen:
                    seen[key] = (shown, where)
                    continue
                first_shown, first = seen[key]
                at = f"{first.file}:{first.line}"
                yield self.issue(
                    where,
                    f"{kind_ja}「{shown}」が重複しています({at} の「{first_shown}」と同じ)"
                    " — どちらかを変えるか、1つにまとめてください",
                    f"duplicate {kind_en} '{shown}' (same as '{first_shown}' at {at})"
                    " — rename one of them or merge them",
                )


def _ids(loaded: Loaded[Any], items: Sequence[_HasId], *path: str | int) -> list[Entry]:
    """Entries for the ``id`` of each item of the list at ``path`` in one file."""
    return [(item.id, item.id, loaded.at(*path, i, "id")) for i, item in enumerate(items)]


def _file_ids(files: Sequence[Loaded[Any]]) -> list[Entry]:
    return [(f.spec.id, f.spec.id, f.at("id")) for f in files]


def _groups(project: Project) -> Iterator[tuple[str, str, list[Entry]]]:
    yield "KPI の id", "KPI id", _file_ids(project.kpis)
    yield "SLA の id", "SLA id", _file_ids(project.slas)
    yield "チェックリストの id", "checklist id", _file_ids(project.checklists)
    for checklist in project.checklists:
        yield "チェック項目の id", "checklist item id", _ids(checklist, checklist.spec.items, "items")
    for sla in project.slas:
        yield from _sla_groups(sla)
    if project.glossary is not None:
        glossary = project.glossary
        yield "用語の id", "term id", _ids(glossary, glossary.spec.terms, "terms")
        yield "用語・同義語", "term or synonym", list(_term_words(glossary))
    if project.sources is not None:
        sources = project.sources
        yield "テーブルの id", "table id", _ids(sources, sources.spec.tables, "tables")
        for i, table in enumerate(sources.spec.tables):
            where = [sources.at("tables", i, "columns", j, "name") for j in range(len(table.columns))]
            columns = [(c.name, c.name, at) for c, at in zip(table.columns, where, strict=True)]
            yield f"テーブル {table.id} の列名", f"column name in table {table.id}", columns
    if project.teams is not None:
        yield "チームの id", "team id", _ids(project.teams, project.teams.spec.teams, "teams")
    if project.tree is not None:
        yield "KSF の id", "KSF id", _ids(project.tree, project.tree.spec.ksfs, "ksfs")


def _sla_groups(sla: Loaded[Any]) -> Iterator[tuple[str, str, list[Entry]]]:
    spec = sla.spec
    lists: dict[str, tuple[Sequence[_HasId], Path_]] = {
        "scoring.rules": (spec.scoring.rules, ("scoring", "rules")),
        "hot_lead_triggers": (spec.hot_lead_triggers, ("hot_lead_triggers",)),
        "disqualifiers": (spec.disqualifiers, ("disqualifiers",)),
        "recycle": (spec.recycle, ("recycle",)),
        "mql.criteria": (spec.mql.criteria, ("mql", "criteria")),
        "sql.criteria": (spec.sql.criteria, ("sql", "criteria")),
    }
    for part, (items, path) in lists.items():
        yield f"SLA の {part} の id", f"{part} id in the SLA", _ids(sla, items, *path)


def _term_words(glossary: Loaded[Any]) -> Iterator[Entry]:
    for i, term in enumerate(glossary.spec.terms):
        yield normalise(term.term), term.term, glossary.at("terms", i, "term")
        for j, synonym in enumerate(term.synonyms):
            yield normalise(synonym), synonym, glossary.at("terms", i, "synonyms", j)
