"""The 変更履歴 page (every commit's semantic changes) and each KPI and SLA page's 「前回からの変化」."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.change_log import ChangeLog, LoggedChange, LoggedCommit
from ..environment import render
from ..inputs import SiteInputs
from ..links import CHANGES, Links, kpi_page, sla_page
from ..text import md_link

CATEGORY_LABELS = {"breaking": "破壊的", "target": "目標", "cosmetic": "表記"}
LINES_PER_COMMIT = 30  # a first commit adds everything: the page lists this many and says how many more


@dataclass(frozen=True)
class ChangeRow:
    category: str
    subject: Markup | str  # a link to the KPI or SLA page, or the definition's kind
    text: str


@dataclass(frozen=True)
class CommitEntry:
    commit: LoggedCommit
    rows: list[ChangeRow]
    more: int


@dataclass(frozen=True)
class LatestCommit:
    """The newest commit that changed a definition, for a home page with no previous build to compare."""

    commit: str
    date: str
    subject: str
    changes: list[ChangeRow]


def latest_commit(inputs: SiteInputs, links: Links) -> LatestCommit | None:
    """What the newest definition commit changed (a fresh CI checkout has no previous build, but has git)."""
    log = inputs.change_log
    if log is None or not log.commits:
        return None
    newest = log.commits[0]
    rows = [_row(change, inputs, links) for change in newest.changes]
    return LatestCommit(newest.commit, newest.date, newest.subject, rows)


def render_change_log(inputs: SiteInputs) -> str:
    log, links = inputs.change_log, Links(CHANGES)
    entries = [] if log is None else [_entry(commit, inputs, links) for commit in log.commits]
    return render("changes.md.j2", log=log, entries=entries)


def render_since_last(entity: str, entity_id: str, change_log: ChangeLog | None) -> str:
    """The 「前回からの変化」 section of a KPI (``entity`` kpi) or SLA page."""
    latest = change_log.latest_for(entity, entity_id) if change_log else None
    rows = (
        [ChangeRow(CATEGORY_LABELS.get(c.category, c.category), "", c.text_ja) for c in latest[1]]
        if latest
        else []
    )
    return render("since_last.md.j2", log=change_log, commit=latest[0] if latest else None, rows=rows)


def _entry(commit: LoggedCommit, inputs: SiteInputs, links: Links) -> CommitEntry:
    rows = [_row(change, inputs, links) for change in commit.changes[:LINES_PER_COMMIT]]
    return CommitEntry(commit, rows, max(len(commit.changes) - LINES_PER_COMMIT, 0))


def _row(change: LoggedChange, inputs: SiteInputs, links: Links) -> ChangeRow:
    category = CATEGORY_LABELS.get(change.category, change.category)
    subject: Markup | str = _KINDS.get(change.entity, change.entity)
    if change.entity == "kpi" and inputs.project.kpi(change.entity_id) is not None:
        subject = md_link(change.entity_id, links.to(kpi_page(change.entity_id)))
    elif change.entity == "sla" and inputs.project.sla(change.entity_id) is not None:
        subject = md_link(change.entity_id, links.to(sla_page(change.entity_id)))
    return ChangeRow(category, subject, change.text_ja)


_KINDS = {
    "kpi": "KPI",
    "sla": "SLA",
    "checklist": "チェックリスト",
    "glossary": "用語集",
    "teams": "チーム",
    "sources": "データソース",
    "tree": "KPIツリー",
    "settings": "設定",
}
