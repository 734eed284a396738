"""Resolving checklist evidence: what a ``ref`` of each kind must point at."""

from __future__ import annotations

from typing import Any

from ..model.checklist import Evidence
from ..model.project import Project
from ..model.sources import Table, TableCheck
from .lookup import kpi_missing, listing, sla_missing

Problem = tuple[str, str] | None


def evidence_problem(project: Project, evidence: Evidence) -> Problem:
    """Why ``evidence`` does not resolve, in Japanese and English, or None when it does."""
    ref = evidence.ref
    if evidence.kind == "kpi":
        return _kpi(project, ref)
    if evidence.kind == "sla":
        return _sla(project, ref)
    if evidence.kind == "data_check":
        return _data_check(project, ref)
    if evidence.kind == "table":
        if project.sources is None or project.table(ref) is not None:
            return None
        tables = listing(t.id for t in project.sources.spec.tables)
        return f"テーブル「{ref}」がありません(あるのは {tables})", f"no table '{ref}' (tables: {tables})"
    if evidence.kind == "glossary":
        if project.glossary is None or any(t.id == ref for t in project.terms()):
            return None
        return f"用語 id「{ref}」が用語集にありません", f"no glossary term with id '{ref}'"
    return None  # document: any non-empty link or path (the schema refuses empty text)


def _kpi(project: Project, ref: str) -> Problem:
    if not kpi_missing(project, ref):
        return None
    return f"KPI「{ref}」が metrics/ にありません", f"no KPI '{ref}' in metrics/"


def _sla(project: Project, ref: str) -> Problem:
    sla_id, _, clause = ref.partition(".")
    sla = project.sla(sla_id)
    if sla is None:
        if not sla_missing(project, sla_id):
            return None
        return f"SLA「{sla_id}」が definitions/sla/ にありません", f"no SLA '{sla_id}' in definitions/sla/"
    if not clause:
        return (
            "SLA の条項まで書いてください(例: mql_sql_sla.response_deadline.business_hours)",
            "name the SLA clause too (e.g. mql_sql_sla.response_deadline.business_hours)",
        )
    missing = _missing_step(sla.document.data, clause.split("."))
    if missing is None:
        return None
    return (
        f"SLA「{sla_id}」に条項「{clause}」がありません(「{missing}」が見つかりません)",
        f"SLA '{sla_id}' has no clause '{clause}' ('{missing}' not found)",
    )


def _missing_step(data: Any, steps: list[str]) -> str | None:
    """The first step of a dotted path that does not exist; list items match by index or by ``id``."""
    node = data
    for step in steps:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        elif isinstance(node, list) and any(isinstance(i, dict) and i.get("id") == step for i in node):
            node = next(i for i in node if isinstance(i, dict) and i.get("id") == step)
        else:
            return step
    return None


def _data_check(project: Project, ref: str) -> Problem:
    if ref.startswith("kpi:"):
        kpi_id = ref.removeprefix("kpi:")
        kpi = project.kpi(kpi_id)
        if kpi is None:
            return _kpi(project, kpi_id)
        if kpi.spec.checks:
            return None
        return f"KPI「{kpi_id}」にデータチェックがありません", f"KPI '{kpi_id}' has no data checks"
    if project.sources is None:
        return None
    table_id, _, rest = ref.partition(".")
    check, _, target = rest.partition(".")
    table = project.table(table_id)
    if table is not None and any(_matches(c, check, target) for c in table.checks):
        return None
    examples = listing(_check_refs(project.sources.spec.tables), limit=6)
    return (
        f"データチェック「{ref}」が sources.yml にありません(例: {examples}、または kpi:<KPIのid>)",
        f"no data check '{ref}' in sources.yml (e.g. {examples}, or kpi:<kpi id>)",
    )


def _names(check: TableCheck) -> set[str]:
    """What may follow ``<table>.<check>.`` to name this check."""
    fields = check.model_dump(exclude={"check"})
    names = {str(v) for k, v in fields.items() if k in ("column", "before", "after")}
    if "before" in fields:
        names.add(f"{fields['before']}.{fields['after']}")
    return names or {""}


def _matches(check: TableCheck, kind: str, target: str) -> bool:
    return check.check == kind and (not target or target in _names(check))


def _check_refs(tables: list[Table]) -> list[str]:
    refs = []
    for table in tables:
        for check in table.checks:
            suffix = sorted(_names(check))[0]
            refs.append(".".join(p for p in (table.id, check.check, suffix) if p))
    return refs
