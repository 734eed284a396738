"""When a KPI is next reviewed, and how to reach its owner team: the two facts a reader asks first."""

from __future__ import annotations

import datetime as dt

from ..model.kpi import Kpi
from ..model.periods import add_months
from ..model.project import Project
from .formatting import format_date

# How far the next review lies after the last one, per measuring cadence (months, days). A KPI measured
# per send or per event has no calendar of its own: it is reviewed monthly like the reports it feeds.
_CADENCE_STEP: dict[str, tuple[int, int]] = {
    "per_send": (1, 0),
    "per_event": (1, 0),
    "weekly": (0, 7),
    "monthly": (1, 0),
    "quarterly": (3, 0),
}


def next_review(kpi: Kpi) -> dt.date | None:
    """The earliest undone review's ``due``; else one cadence step after the last review; else ``None``."""
    open_dues = [r.due for r in kpi.reviews if not r.done]
    if open_dues:
        return min(open_dues)
    if not kpi.reviews:
        return None
    last = max(r.date for r in kpi.reviews)
    months, days = _CADENCE_STEP[kpi.cadence]
    return add_months(last, months) + dt.timedelta(days=days)


def next_review_text(kpi: Kpi, as_of: dt.date) -> str:
    """「2026年10月15日」, 「… (期限切れ)」 when it has passed, or why there is none."""
    due = next_review(kpi)
    if due is None:
        return "未定(レビューの記録がありません)"
    return f"{format_date(due)}(期限切れ)" if due < as_of else format_date(due)


def team_contact(project: Project, team_id: str) -> str:
    """The team's shared address or chat channel from definitions/teams.yml, or 「—」."""
    if project.teams is None:
        return "—"
    team = next((t for t in project.teams.spec.teams if t.id == team_id), None)
    return team.contact if team is not None and team.contact else "—"
