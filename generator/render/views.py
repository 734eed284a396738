"""Display-ready views shared by several pages: a KPI's latest value, target and status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..checks.affected import DataProblem
from ..model.kpi import Kpi, Review, Target
from ..model.measurement import KpiMeasurement, Point
from ..model.project import Project
from .formatting import (
    DIRECTION_LABELS,
    STAGE_ORDER,
    STATUS_LABELS,
    StatusBadge,
    current_target,
    format_date,
    format_kpi_value,
    kpi_status,
)
from .inputs import SiteInputs
from .links import Links
from .text import md_link


@dataclass(frozen=True)
class KpiView:
    kpi: Kpi
    measurement: KpiMeasurement | None
    latest: Point | None
    target: Target | None
    status: StatusBadge
    problems: tuple[DataProblem, ...] = ()  # failed checks on its inputs: the value is withheld

    @property
    def value(self) -> float | None:
        """The latest value a reader may see: none while a data problem makes it untrustworthy."""
        return None if self.problems or self.latest is None else self.latest.value

    @property
    def value_text(self) -> str:
        if self.problems:
            return f"{STATUS_LABELS['data_problem']}: {self.problem_names}"
        return format_kpi_value(self.kpi, self.value)

    @property
    def problem_names(self) -> str:
        """``deals.amount_yen (finite)、deals (unique)``: the failed checks, as the report names them."""
        return "、".join(problem.name for problem in self.problems)

    @property
    def period(self) -> str:
        return self.latest.period if self.latest else "—"

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"{format_kpi_value(self.kpi, self.target.value)} {DIRECTION_LABELS[self.target.direction]}"

    @property
    def criterion_text(self) -> str:
        """What "on track" means for this KPI: its threshold, else its target, in the target's direction."""
        if self.target is None:
            return "—"
        bound = self.kpi.thresholds.on_track if self.kpi.thresholds else self.target.value
        return f"{format_kpi_value(self.kpi, bound)} {DIRECTION_LABELS[self.target.direction]}"

    @property
    def deadline_text(self) -> str:
        return format_date(self.target.deadline) if self.target else "—"

    def link(self, links: Links) -> Markup:
        return md_link(self.kpi.name, links.kpi(self.kpi.id))


def kpi_view(kpi: Kpi, inputs: SiteInputs) -> KpiView:
    """The KPI's latest value and status; a data problem on its inputs replaces both (never judged)."""
    measurement = inputs.measurements.kpis.get(kpi.id)
    latest = _latest_with_value(measurement)
    as_of = inputs.measurements.as_of
    problems = inputs.data_problems.get(kpi.id, ())
    value = latest.value if latest else None
    status = StatusBadge("data_problem") if problems else StatusBadge(kpi_status(kpi, value, as_of))
    return KpiView(kpi, measurement, latest, current_target(kpi, as_of), status, problems)


def _latest_with_value(measurement: KpiMeasurement | None) -> Point | None:
    """The latest period that has a value; an empty trailing period does not blank the board."""
    if measurement is None:
        return None
    return next((p for p in reversed(measurement.series) if p.value is not None), None)


def kpi_views(inputs: SiteInputs) -> list[KpiView]:
    """Every KPI in reading order: funnel stage, then id."""
    ordered = sorted(inputs.project.kpis, key=lambda k: (STAGE_ORDER.index(k.spec.stage), k.spec.id))
    return [kpi_view(loaded.spec, inputs) for loaded in ordered]


@dataclass(frozen=True)
class OverdueAction:
    kpi: Kpi
    review: Review
    days_overdue: int


def overdue_actions(project: Project, as_of: dt.date) -> list[OverdueAction]:
    """Review actions past their due date and not done, most overdue first."""
    found = [
        OverdueAction(loaded.spec, review, (as_of - review.due).days)
        for loaded in project.kpis
        for review in loaded.spec.reviews
        if not review.done and review.due < as_of
    ]
    return sorted(found, key=lambda a: (-a.days_overdue, a.kpi.id, a.review.date))


def team_name(project: Project, team_id: str) -> str:
    if project.teams is None:
        return team_id
    team = next((t for t in project.teams.spec.teams if t.id == team_id), None)
    return team.name if team else team_id
