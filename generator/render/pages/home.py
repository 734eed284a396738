"""Home: KGI progress, the status board, what changed since the last build, failing checks, todo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ...model.measurement import TreeNodeValue
from ..environment import render
from ..evidence_words import check_id_words
from ..formatting import (
    STAGE_LABELS,
    STATUS_ORDER,
    StatusBadge,
    badge_for,
    displayed,
    format_date,
    progress_bar,
    status_counts,
)
from ..inputs import SiteInputs
from ..links import CHANGES, CHECKLISTS, HOME, QUALITY, TREE, Links
from ..money_shown import change_markup, md_words, money_markup
from ..period_text import period_name
from ..references import resolved_action
from ..text import md_link
from ..views import KpiView, OverdueAction, kpi_view, kpi_views, overdue_actions
from .changes import LatestCommit, latest_commit
from .checklists import checklist_progress
from .common import CheckRow, check_rows
from .dashboard import KgiCard, StageCards, kgi_card, stage_cards


@dataclass(frozen=True)
class KgiProgress:
    """What the KGI section needs beside its card (``dashboard.kgi_card``): the year's target and the tree."""

    view: KpiView
    node: TreeNodeValue | None  # the tree's trailing-year forecast, for the card
    target: str
    tree_link: str


@dataclass(frozen=True)
class ChangeRow:
    kpi: Markup
    before: str
    after: str
    delta: str
    status_change: str


@dataclass(frozen=True)
class Changes:
    previous_as_of: str | None
    rows: list[ChangeRow]
    added: list[Markup]
    removed: list[str]
    newly_failed: list[str]
    fixed: list[str]


@dataclass(frozen=True)
class ProgressRow:
    name: str
    bar: str
    link: str


@dataclass(frozen=True)
class SinceReviewRow:
    """A KPI then (the period complete at its last review) and now (the period judged today)."""

    kpi: Markup
    reviewed: str
    then: str
    now: str
    delta: str


@dataclass(frozen=True)
class HomeContext:
    as_of: str
    kgi: KgiProgress | None
    kgi_card: KgiCard | None
    cards: list[StageCards]  # one card per KPI, by funnel stage
    counts: list[tuple[StatusBadge, int]]
    board: list[tuple[KpiView, Markup, str]]
    changes: Changes | None
    failed_checks: list[CheckRow]
    check_total: int
    checklists: list[ProgressRow]
    overdue: list[tuple[OverdueAction, Markup]]
    quality_link: str
    since_review: list[SinceReviewRow]
    git_changes: LatestCommit | None
    changes_link: str


def render_home(inputs: SiteInputs) -> str:
    return render("home.md.j2", page=home_context(inputs))


def home_context(inputs: SiteInputs) -> HomeContext:
    links = Links(HOME)
    views = kpi_views(inputs)
    board = sorted(views, key=lambda v: STATUS_ORDER.index(v.status.code))
    kgi = _kgi(inputs)
    return HomeContext(
        as_of=format_date(inputs.measurements.as_of),
        kgi=kgi,
        kgi_card=kgi_card(kgi.view, links, kgi.node.forecast if kgi.node else None) if kgi else None,
        cards=stage_cards(views, links),
        counts=status_counts([v.status.code for v in views]),
        board=[(v, v.link(links), STAGE_LABELS[v.kpi.stage]) for v in board],
        changes=_changes(views, inputs, links),
        failed_checks=check_rows(list(inputs.checks.failed), links),
        check_total=len(inputs.checks.results),
        checklists=[
            ProgressRow(p.name, progress_bar(p.done, p.applicable), links.to(CHECKLISTS, p.anchor))
            for p in checklist_progress(inputs)
        ],
        overdue=[
            (resolved_action(action, inputs), md_link(action.kpi.name, links.kpi(action.kpi.id, "reviews")))
            for action in overdue_actions(inputs.project, inputs.measurements.as_of)
        ],
        quality_link=links.to(QUALITY),
        since_review=_since_review(views, inputs.measurements.as_of, links),
        git_changes=latest_commit(inputs, links) if inputs.previous is None else None,
        changes_link=links.to(CHANGES),
    )


def _kgi(inputs: SiteInputs) -> KgiProgress | None:
    tree = inputs.project.tree
    loaded = inputs.project.kpi(tree.spec.kgi) if tree else None
    if loaded is None:
        return None
    kpi = loaded.spec
    view = kpi_view(kpi, inputs)
    node = next((n for n in inputs.measurements.tree if n.kpi_id == kpi.id), None)
    target = view.target.value if view.target else (node.target if node else None)
    if view.problems:  # a failed check withholds the year's actual, so its target is the one written
        return KgiProgress(view, node, money_markup(kpi, target), Links(HOME).to(TREE))
    fiscal = view.to_date
    year = fiscal.full if fiscal and not fiscal.is_rate else target
    return KgiProgress(view, node, money_markup(kpi, year), Links(HOME).to(TREE))


def _since_review(views: list[KpiView], as_of: dt.date, links: Links) -> list[SinceReviewRow]:
    """For the monthly meeting: each reviewed KPI's value at its last review against today's."""
    rows = []
    for view in views:
        reviews = [review.date for review in view.kpi.reviews if review.date <= as_of]
        if not reviews or view.readings is None or view.problems or view.judged is None:
            continue
        reviewed = max(reviews)
        then = view.readings.judged_on(reviewed)
        if then is None:
            continue
        rows.append(
            SinceReviewRow(
                kpi=view.link(links),
                reviewed=format_date(reviewed),
                then=md_words(money_markup(view.kpi, then.value), f"({period_name(then.period)})"),
                now=md_words(view.value_text, f"({view.period})"),
                delta=change_markup(view.kpi, then.value, view.value),
            )
        )
    return rows


def _changes(views: list[KpiView], inputs: SiteInputs, links: Links) -> Changes | None:
    previous = inputs.previous
    if previous is None:
        return None
    rows = []
    for view in views:
        before = previous.kpis.get(view.kpi.id)
        if before is None:
            continue
        # The summary keeps values as shown: compared as shown, a change below the shown precision is none.
        after = displayed(view.value, view.kpi.unit, view.kpi.decimals)
        status_changed = before.status != view.status.code
        if before.value == after and not status_changed:
            continue
        old_status = badge_for(before.status)
        rows.append(
            ChangeRow(
                kpi=view.link(links),
                before=money_markup(view.kpi, before.value),
                after=money_markup(view.kpi, after),
                delta=change_markup(view.kpi, before.value, after),
                status_change=f"{old_status} → {view.status}" if status_changed and old_status else "—",
            )
        )
    current = {v.kpi.id for v in views}
    failed_now = {r.check_id for r in inputs.checks.failed}
    failed_before = set(previous.failed_checks)
    return Changes(
        previous_as_of=format_date(previous.as_of) if previous.as_of else None,
        rows=rows,
        added=[v.link(links) for v in views if v.kpi.id not in previous.kpis],
        removed=sorted(set(previous.kpis) - current),
        newly_failed=[check_id_words(c, inputs.project) for c in sorted(failed_now - failed_before)],
        fixed=[check_id_words(c, inputs.project) for c in sorted(failed_before - failed_now)],
    )
