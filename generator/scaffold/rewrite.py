"""The definitions that referred to a left-out KPI, rewritten so nothing dangles.

Tree: a KPI whose parent was left out hangs from its nearest kept ancestor; a parent whose children
changed no longer claims arithmetic (``product``/``sum``/``ratio`` become ``contributes``, roles go);
when the KGI itself was left out, the kept KPI nearest the top becomes the KGI. A ``pair`` to a
left-out KPI is dropped; the glossary's related KPIs, the checklists' evidence and the tree's KSFs
keep only what exists (a checklist item done only by a left-out KPI becomes not started). The
sample's ``as_of`` day is not carried over. Each function takes and returns plain YAML data (a deep
copy when it changes).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model.project import Project
from ..model.text_refs import Reference, substitute
from ..rules.texts import REVIEW_FIELDS
from .plan import Plan

Data = dict[str, Any]
LEVEL_RANK = {"kgi": 0, "kpi": 1, "activity": 2}
ARITHMETIC = ("product", "sum", "ratio")


@dataclass(frozen=True)
class Rewritten:
    """Changed files' new data by project path, and the KGI (a new one when the shipped one was left out)."""

    files: Mapping[str, Data]
    kgi: str | None


def rewrite(project: Project, plan: Plan) -> Rewritten:
    kept = set(plan.kpis)
    files: dict[str, Data] = {}
    shipped_kgi = project.tree.spec.kgi if project.tree else None
    parents = _new_parents(project, kept)
    kgi = shipped_kgi if shipped_kgi in kept else _chosen_kgi(project, kept, parents)
    if kgi is not None and kgi != shipped_kgi:
        for kpi_id, parent in list(parents.items()):
            if parent is None and kpi_id != kgi:
                parents[kpi_id] = kgi
        parents[kgi] = None
    combines = _new_combines(project, kept, parents)
    names = {loaded.spec.id: loaded.spec.name for loaded in project.kpis}
    for loaded in project.kpis:
        if loaded.spec.id in kept:
            data = _kpi_data(loaded.document.data, loaded.spec.id, kgi, parents, combines, kept, names)
            if data is not None:
                files[loaded.file] = data
    if project.tree is not None:
        used_ksfs = {
            _tree_of(files.get(k.file, k.document.data)).get("ksf") for k in project.kpis if k.spec.id in kept
        }
        tree = _tree_data(project.tree.document.data, kgi, shipped_kgi, used_ksfs, project)
        if tree is not None:
            files[project.tree.file] = tree
    if project.sources is not None and "as_of" in project.sources.document.data:
        # The shipped as_of is the sample's day; imported data is measured up to its own latest day.
        sources = copy.deepcopy(project.sources.document.data)
        del sources["as_of"]
        files[project.sources.file] = sources
    if project.glossary is not None:
        glossary = _glossary_data(project.glossary.document.data, kept)
        if glossary is not None:
            files[project.glossary.file] = glossary
    for checklist in project.checklists:
        data = _checklist_data(checklist.document.data, kept)
        if data is not None:
            files[checklist.file] = data
    return Rewritten(files, kgi)


def _new_parents(project: Project, kept: set[str]) -> dict[str, str | None]:
    """Each kept KPI's nearest kept ancestor (None for the KGI, or when none is kept)."""
    shipped = {k.spec.id: k.spec.tree.parent for k in project.kpis}
    parents: dict[str, str | None] = {}
    for kpi_id in kept:
        parent, seen = shipped.get(kpi_id), {kpi_id}
        while parent is not None and parent not in kept and parent not in seen:
            seen.add(parent)
            parent = shipped.get(parent)
        parents[kpi_id] = parent if parent in kept else None
    return parents


def _chosen_kgi(project: Project, kept: set[str], parents: Mapping[str, str | None]) -> str | None:
    """The kept KPI nearest the top of the shipped tree: highest level, then fewest steps, then file order."""
    shipped = {k.spec.id: k.spec.tree.parent for k in project.kpis}

    def depth(kpi_id: str) -> int:
        steps, parent, seen = 0, shipped.get(kpi_id), {kpi_id}
        while parent is not None and parent not in seen:
            seen.add(parent)
            steps, parent = steps + 1, shipped.get(parent)
        return steps

    roots = [k.spec for k in project.kpis if k.spec.id in kept and parents.get(k.spec.id) is None]
    if not roots:
        return None
    order = {k.spec.id: i for i, k in enumerate(project.kpis)}
    best = min(roots, key=lambda s: (LEVEL_RANK.get(s.tree.level, 9), depth(s.id), order[s.id]))
    return best.id


def _new_combines(
    project: Project, kept: set[str], parents: Mapping[str, str | None]
) -> dict[str, str | None]:
    """A parent keeps its arithmetic only when it keeps exactly its shipped children."""
    before: dict[str, set[str]] = {}
    for loaded in project.kpis:
        if loaded.spec.tree.parent is not None:
            before.setdefault(loaded.spec.tree.parent, set()).add(loaded.spec.id)
    after: dict[str, set[str]] = {}
    for kpi_id, parent in parents.items():
        if parent is not None:
            after.setdefault(parent, set()).add(kpi_id)
    combines: dict[str, str | None] = {}
    for loaded in project.kpis:
        kpi_id, combine = loaded.spec.id, loaded.spec.tree.combine
        if kpi_id not in kept:
            continue
        if not after.get(kpi_id):
            combines[kpi_id] = None
        elif after[kpi_id] == before.get(kpi_id, set()):
            combines[kpi_id] = combine
        else:
            combines[kpi_id] = "contributes" if combine is None or combine in ARITHMETIC else combine
    return combines


def _kpi_data(
    data: Data,
    kpi_id: str,
    kgi: str | None,
    parents: Mapping[str, str | None],
    combines: Mapping[str, str | None],
    kept: set[str],
    names: Mapping[str, str],
) -> Data | None:
    new = copy.deepcopy(data)
    _unreference(new, kept, names)
    tree = _tree_of(new)
    if kpi_id == kgi:
        tree["level"] = "kgi"
        tree.pop("ksf", None)
    _set(tree, "parent", parents.get(kpi_id))
    _set(tree, "combine", combines.get(kpi_id))
    parent = parents.get(kpi_id)
    if parent is None or combines.get(parent) != "ratio":
        tree.pop("role", None)
    if new.get("pair") is not None and new["pair"] not in kept:
        del new["pair"]
    return new if new != data else None


def _unreference(data: Data, kept: set[str], names: Mapping[str, str]) -> None:
    """A rationale or review note citing a left-out KPI (``{{deals_won@target}}``) names it instead:
    there is no value to print, and a dangling reference is an error (TXT001)."""

    def text(reference: Reference) -> str:
        if reference.kpi_id in kept or reference.kpi_id not in names:
            return reference.raw
        what = "目標" if reference.is_target else reference.period
        return f"「{names[reference.kpi_id]}」の{what}"

    for target in data.get("targets") or []:
        if isinstance(target, dict) and isinstance(target.get("rationale"), str):
            target["rationale"] = substitute(target["rationale"], text)
    for review in data.get("reviews") or []:
        if isinstance(review, dict):
            for field in REVIEW_FIELDS:
                if isinstance(review.get(field), str):
                    review[field] = substitute(review[field], text)


def _tree_data(
    data: Data, kgi: str | None, shipped_kgi: str | None, used_ksfs: set[Any], project: Project
) -> Data | None:
    new = copy.deepcopy(data)
    new["ksfs"] = [ksf for ksf in new.get("ksfs", []) if isinstance(ksf, dict) and ksf.get("id") in used_ksfs]
    if kgi is not None and kgi != shipped_kgi:
        kpi = project.kpi(kgi)
        new["kgi"] = kgi
        new["name"] = kpi.spec.name if kpi else kgi
        new["description"] = (
            "kpi init が、取り込んだデータで計測できる KPI のうち"
            "ツリーの最上位にあるものを KGI にしました。\n"
            f"出荷時の KGI「{shipped_kgi}」は、必要なデータを取り込むと計測できます"
            "(disabled/README.md を参照)。\n"
        )
    return new if new != data else None


def _glossary_data(data: Data, kept: set[str]) -> Data | None:
    new = copy.deepcopy(data)
    for term in new.get("terms", []):
        if isinstance(term, dict) and "related_kpis" in term:
            term["related_kpis"] = [kpi_id for kpi_id in term["related_kpis"] if kpi_id in kept]
            if not term["related_kpis"]:
                del term["related_kpis"]
    return new if new != data else None


def _checklist_data(data: Data, kept: set[str]) -> Data | None:
    def resolves(evidence: Any) -> bool:
        if not isinstance(evidence, dict):
            return True
        kind, ref = evidence.get("kind"), str(evidence.get("ref", ""))
        if kind == "kpi":
            return ref in kept
        if kind == "data_check" and ref.startswith("kpi:"):
            return ref.removeprefix("kpi:") in kept
        return True

    new = copy.deepcopy(data)
    for item in new.get("items", []):
        if isinstance(item, dict) and "evidence" in item:
            item["evidence"] = [e for e in item["evidence"] if resolves(e)]
            if not item["evidence"]:
                del item["evidence"]
                if item.get("state") == "done":  # done by a KPI this project does not have: not done here
                    item["state"] = "not_started"
    return new if new != data else None


def _tree_of(data: Data) -> Data:
    tree = data.get("tree")
    return tree if isinstance(tree, dict) else {}


def _set(mapping: Data, key: str, value: str | None) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value
