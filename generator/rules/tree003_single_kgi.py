"""TREE003 single-kgi."""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.catalogue import TREE_FILE
from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule
from .lookup import all_kpis_loaded


class SingleKgi(Rule):
    """Exactly one KPI has ``tree.level: kgi`` — the tree has one top, the one ``tree.yml`` names.

    Bad (two files)::

        tree: {level: kgi}

    Good: one KGI; other top-level numbers are ``level: kpi`` with a ``parent``.
    """

    code = "TREE003"
    name = "single-kgi"
    title_ja = "KGI は一つだけ"
    summary_ja = (
        "tree.level が kgi の KPI がちょうど一つで、tree.yml が指すものであること。ツリーの頂点は一つです。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if not all_kpis_loaded(project):
            return
        kgis = [k for k in project.kpis if k.spec.tree.level == "kgi"]
        named = project.tree.spec.kgi if project.tree else None
        if not kgis:
            if named is not None and project.kpi(named) is not None:
                return  # TREE002 already says that KPI should be level kgi
            where = project.tree.at("kgi") if project.tree else Location(TREE_FILE)
            yield self.issue(
                where,
                "level が kgi の KPI がありません — 最終目標の KPI に tree: {level: kgi} を書いてください",
                "no KPI has level kgi — set tree: {level: kgi} on the final-goal KPI",
            )
            return
        keep = next((k for k in kgis if k.spec.id == named), kgis[0])
        for kpi in kgis:
            if kpi is keep:
                continue
            yield self.issue(
                kpi.at("tree", "level"),
                f"KGI は1つだけです(「{keep.spec.id}」が KGI)"
                " — この KPI は level: kpi にして parent を書いてください",
                f"there is only one KGI ('{keep.spec.id}') — make this KPI level: kpi with a parent",
            )
