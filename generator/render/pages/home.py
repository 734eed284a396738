"""Home: KGI progress, the status board, what changed since the last build, failing checks, todo."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.measurement import TreeNodeValue
from ..environment import render
from ..formatting import (
    STAGE_LABELS,
    STATUS_ORDER,
    StatusBadge,
    badge_for,
    displayed,
    format_change,
    format_date,
    format_kpi_value,
    progress_bar,
    ratio_bar,
    status_counts,
)
from ..inputs import SiteInputs
from ..links import CHECKLISTS, HOME, QUALITY, Links
from ..text import md_link
from ..views import KpiView, OverdueAction, kpi_view, kpi_views, overdue_actions
from .checklists import checklist_progress
from .common import CheckRow, check_rows


@dataclass(frozen=True)
class KgiProgress:
    view: KpiView
    link: Markup
    node: TreeNodeValue | None
    target: str
    actual: str
    forecast: str
    bar: str


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
class HomeContext:
    as_of: str
    kgi: KgiProgress | None
    counts: list[tuple[StatusBadge, int]]
    board: list[tuple[KpiView, Markup, str]]
    changes: Changes | None
    failed_checks: list[CheckRow]
    check_total: int
    checklists: list[ProgressRow]
    overdue: list[tuple[OverdueAction, Markup]]
    quality_link: str


def render_home(inputs: SiteInputs) -> str:
    return render("home.md.j2", page=home_context(inputs))


def home_context(inputs: SiteInputs) -> HomeContext:
    links = Links(HOME)
    views = kpi_views(inputs)
    board = sorted(views, key=lambda v: STATUS_ORDER.index(v.status.code))
    return HomeContext(
        as_of=format_date(inputs.measurements.as_of),
        kgi=_kgi(inputs),
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
            (action, md_link(action.kpi.name, links.kpi(action.kpi.id, "reviews")))
            for action in overdue_actions(inputs.project, inputs.measurements.as_of)
        ],
        quality_link=links.to(QUALITY),
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
    if view.problems:  # no actual, forecast or progress from data a failed check calls wrong
        withheld = view.status.label
        return KgiProgress(
            view, view.link(Links(HOME)), node, format_kpi_value(kpi, target), withheld, withheld, "—"
        )
    actual = node.actual if node and node.actual is not None else view.value
    forecast = node.forecast if node else None
    bar = ratio_bar(actual / target) if target and actual is not None and target > 0 else "—"
    return KgiProgress(
        view=view,
        link=view.link(Links(HOME)),
        node=node,
        target=format_kpi_value(kpi, target),
        actual=format_kpi_value(kpi, actual),
        forecast=format_kpi_value(kpi, forecast),
        bar=bar,
    )


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
                before=format_kpi_value(view.kpi, before.value),
                after=format_kpi_value(view.kpi, after),
                delta=format_change(view.kpi, before.value, after),
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
        newly_failed=sorted(failed_now - failed_before),
        fixed=sorted(failed_before - failed_now),
    )
