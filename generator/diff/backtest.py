"""Which SLAs' MQL definitions changed, and their back-test through the pipeline (counts only).

An MQL definition is the scoring (rules, threshold, decay), the hot-lead triggers, the disqualifiers
and the MQL criteria: a breaking change under any of them changes which leads are MQLs.
"""

from __future__ import annotations

import datetime as dt

from ..model.backtest import MqlBacktest
from ..model.project import Project
from ..model.sla import Sla
from ..pipeline import MeasureFailure, Workspace, backtest_mqls
from .changes import Change

MQL_DEFINITION = (("scoring",), ("mql", "criteria"), ("hot_lead_triggers",), ("disqualifiers",))


def changed_mql_definitions(base: Project, head: Project, changes: list[Change]) -> list[tuple[Sla, Sla]]:
    """(BASE's, HEAD's) version of each SLA whose MQL definition changed, by HEAD's id (renames followed)."""
    changed: dict[str, str] = {}
    for change in changes:
        if change.entity != "sla" or change.category != "breaking" or change.kind in ("added", "removed"):
            continue
        if change.kind == "renamed" or _under_mql_definition(change.fields):
            changed.setdefault(change.entity_id, change.old_id or change.entity_id)
    old = {loaded.spec.id: loaded.spec for loaded in base.slas}
    new = {loaded.spec.id: loaded.spec for loaded in head.slas}
    pairs = []
    for head_id in sorted(changed):
        before, after = old.get(changed[head_id]), new.get(head_id)
        if before is not None and after is not None and _scoring_differs(before, after):
            pairs.append((before, after))
    return pairs


def backtest(
    base: Project, head: Project, workspace: Workspace, changes: list[Change], as_of: dt.date
) -> tuple[MqlBacktest, ...]:
    """The back-test of every changed MQL definition; nothing when the data cannot be read (the
    comment's other numbers then say why already)."""
    pairs = changed_mql_definitions(base, head, changes)
    if not pairs:
        return ()
    try:
        return backtest_mqls(pairs, head, workspace, as_of=as_of)
    except MeasureFailure:
        return ()


def _under_mql_definition(fields: tuple[str, ...]) -> bool:
    return any(fields[: len(prefix)] == prefix for prefix in MQL_DEFINITION)


def _scoring_differs(before: Sla, after: Sla) -> bool:
    """A rename alone does not need scoring twice: compare what the scoring query reads."""
    return _mql_definition(before) != _mql_definition(after)


def _mql_definition(sla: Sla) -> tuple[object, ...]:
    return (sla.scoring, sla.mql.criteria, sla.hot_lead_triggers, sla.disqualifiers)
