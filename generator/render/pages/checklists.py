"""Checklists: each item's state, owner and evidence (linked to the page proving it), progress per list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from ...model.checklist import Checklist, ChecklistItem, Evidence
from ...model.project import Project
from ..checklist_evidence import JudgedItem, judge_item
from ..environment import render
from ..evidence_words import data_check_words, sla_clause_words
from ..formula import TABLE_NOUNS
from ..inputs import SiteInputs
from ..links import CHECKLISTS, QUALITY, Links
from ..text import md_link, md_text
from ..views import team_name
from .common import find_term

STATE_LABELS = {
    "done": "✅ 完了",
    "in_progress": "🔄 対応中",
    "not_started": "⬜ 未着手",
    "not_applicable": "➖ 対象外",
    # Typed 完了, but a cited data check fails or a cited KPI has no data (checklist_evidence).
    "needs_review": "⚠️ 要確認",
}
# Top-level SLA keys and the anchor of the section that renders them on the SLA page.
SLA_CLAUSE_ANCHORS = {
    "mql": "mql",
    "sql": "sql",
    "scoring": "scoring",
    "hot_lead_triggers": "hot-leads",
    "disqualifiers": "disqualifiers",
    "handoff": "handoff",
    "calendar": "deadlines",
    "response_deadline": "deadlines",
    "follow_up": "follow-up",
    "recycle": "recycle",
    "feedback_loop": "feedback",
    "meetings": "meetings",
    "responsibilities": "responsibilities",
    "signatories": "signatories",
}


@dataclass(frozen=True)
class ChecklistProgress:
    name: str
    anchor: str
    done: int
    applicable: int


@dataclass(frozen=True)
class ItemRow:
    item: ChecklistItem
    state: str
    owner: str
    evidence: list[Markup]


@dataclass(frozen=True)
class ChecklistSection:
    checklist: Checklist
    progress: ChecklistProgress
    items: list[ItemRow]


def checklist_anchor(checklist_id: str) -> str:
    return f"checklist-{checklist_id}"


def progress_of(checklist: Checklist, judged: Sequence[JudgedItem] | None = None) -> ChecklistProgress:
    """Done items over applicable ones (対象外 items do not count against the team); with ``judged``,
    an item counts as done only when its evidence agrees (要確認 is applicable and not done)."""
    states = [j.state for j in judged] if judged is not None else [i.state for i in checklist.items]
    applicable = [state for state in states if state != "not_applicable"]
    done = applicable.count("done")
    return ChecklistProgress(checklist.name, checklist_anchor(checklist.id), done, len(applicable))


def judged_items(checklist: Checklist, inputs: SiteInputs) -> list[JudgedItem]:
    return [judge_item(item, inputs) for item in checklist.items]


def checklist_progress(inputs: SiteInputs) -> list[ChecklistProgress]:
    """Each checklist's progress by the evidence-based state, as the checklist page counts it."""
    return [
        progress_of(loaded.spec, judged_items(loaded.spec, inputs))
        for loaded in sorted(inputs.project.checklists, key=lambda c: c.spec.id)
    ]


def render_checklists(inputs: SiteInputs) -> str:
    links = Links(CHECKLISTS)
    check_ids = frozenset(r.check_id for r in inputs.checks.results)
    sections = []
    for loaded in sorted(inputs.project.checklists, key=lambda c: c.spec.id):
        judged = judged_items(loaded.spec, inputs)
        rows = [
            ItemRow(
                j.item,
                state_text(j),
                team_name(inputs.project, j.item.owner),
                [evidence_link(e, inputs.project, links, check_ids) for e in j.item.evidence],
            )
            for j in judged
        ]
        sections.append(ChecklistSection(loaded.spec, progress_of(loaded.spec, judged), rows))
    return render("checklists.md.j2", sections=sections)


def state_text(judged: JudgedItem) -> str:
    """The state label, with why a typed 完了 needs review: 「⚠️ 要確認(根拠の…が不合格です)」."""
    label = STATE_LABELS[judged.state]
    return f"{label}({'。'.join(judged.reasons)})" if judged.reasons else label


def evidence_link(evidence: Evidence, project: Project, links: Links, check_ids: frozenset[str]) -> Markup:
    """Link an item's evidence to the page that shows it; unknown references stay plain text."""
    note = f"({md_text(evidence.note)})" if evidence.note else ""
    target = _evidence_target(evidence, project, links, check_ids)
    if target is None:
        return Markup(f"{md_text(evidence.ref)}{note}")
    label, href = target
    return Markup(f"{md_link(label, href)}{note}")


def _check_link(ref: str, project: Project, links: Links, check_ids: frozenset[str]) -> str:
    """``leads.unique.lead_id`` → that check's row; ``kpi:<id>`` → the KPI's checks on the quality page."""
    if ref.startswith("kpi:") and project.kpi(ref[4:]) is not None:
        return links.to(QUALITY, f"checks-kpi-{ref[4:]}")
    check_id = "table:" + ref.replace(".", ":")
    if check_id in check_ids:
        return links.check(check_id)
    table = ref.split(".")[0]
    if project.table(table) is not None:
        return links.to(QUALITY, f"checks-table-{table}")
    return links.to(QUALITY, "checks")


def _evidence_target(
    evidence: Evidence, project: Project, links: Links, check_ids: frozenset[str]
) -> tuple[str, str] | None:
    ref = evidence.ref
    if evidence.kind == "kpi":
        kpi = project.kpi(ref)
        return (f"KPI: {kpi.spec.name}", links.kpi(ref)) if kpi else None
    if evidence.kind == "sla":
        sla_id, _, clause = ref.partition(".")
        sla = project.sla(sla_id)
        if sla is None:
            return None
        anchor = SLA_CLAUSE_ANCHORS.get(clause.split(".")[0]) if clause else None
        words = f"({sla_clause_words(clause)})" if clause else ""
        return (f"SLA: {sla.spec.name}{words}", links.sla(sla_id, anchor))
    if evidence.kind == "data_check":
        words = data_check_words(ref, project)
        return (f"データチェック: {words}", _check_link(ref, project, links, check_ids))
    if evidence.kind == "table":
        noun = TABLE_NOUNS.get(ref)
        return (
            (f"テーブル: {noun}({ref})" if noun else f"テーブル: {ref}", links.table(ref))
            if project.table(ref)
            else None
        )
    if evidence.kind == "glossary":
        term = find_term(project, ref)
        return (f"用語: {term.term}", links.term(term.id)) if term else None
    if ref.startswith(("https://", "http://")):
        # Percent-encode what could end the Markdown link or break out of the attribute.
        return (f"資料: {ref}", quote(ref, safe=":/?#&=%+.-_~,;@!$*"))
    return None
