"""Display-ready views shared by several pages: a KPI's latest value, target and status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..checks.affected import DataProblem
from ..measures.registry import kind_of, maturity_days, sums_over_time
from ..model.kpi import Kpi, Review, Target
from ..model.measurement import KpiMeasurement, Point
from ..model.project import Project
from ..model.readings import PHASE_LABELS, KpiReadings, Reading
from ..model.target_shares import ToDate, period_target, target_for, target_on, to_date
from .formatting import (
    DIRECTION_LABELS,
    STAGE_ORDER,
    STATUS_LABELS,
    StatusBadge,
    format_date,
    format_value,
    judge,
    judging_bounds,
    on_track_bound,
)
from .inputs import SiteInputs
from .links import Links
from .money_shown import bound_markup, change_markup, md_words, money_markup, share_markup
from .period_text import period_name
from .text import md_link


@dataclass(frozen=True)
class KpiView:
    """A KPI as every page states it: the judged period (the latest complete one), its value, the
    target that period is held to, the status — and the newer periods that are not judged yet."""

    kpi: Kpi
    measurement: KpiMeasurement | None
    readings: KpiReadings | None
    target: Target | None
    bound: float | None  # what the target asks of the judged period (a month's share of a year's total)
    status: StatusBadge
    problems: tuple[DataProblem, ...] = ()  # failed checks on its inputs: the value is withheld
    to_date: ToDate | None = None

    @property
    def judged(self) -> Reading | None:
        return self.readings.judged if self.readings else None

    @property
    def latest(self) -> Point | None:
        """The judged period's point (the latest complete one with a value)."""
        return self.judged.point if self.judged else None

    @property
    def value(self) -> float | None:
        """The judged value a reader may see: none while a data problem makes it untrustworthy."""
        return None if self.problems or self.latest is None else self.latest.value

    @property
    def value_text(self) -> str:
        if self.problems:
            return f"{STATUS_LABELS['data_problem']}: {self.problem_names}"
        return money_markup(self.kpi, self.value, self.judging_bounds)

    @property
    def judging_bounds(self) -> tuple[float | None, ...]:
        """The bounds the judged value is read against (target, thresholds): never shown alike."""
        if self.target is None:
            return ()
        return judging_bounds(self.kpi, self.target, self.bound, self.judged.period if self.judged else None)

    @property
    def problem_names(self) -> str:
        """``deals.amount_yen (finite)、deals (unique)``: the failed checks, as the report names them."""
        return "、".join(problem.name for problem in self.problems)

    @property
    def period(self) -> str:
        return period_name(self.judged.period) if self.judged else "—"

    @property
    def unjudged(self) -> tuple[Reading, ...]:
        """Newer periods than the judged one (途中, 成熟中, or without a value), newest first; none while
        data is withheld."""
        if self.problems or self.readings is None:
            return ()
        return tuple(reversed(self.readings.unjudged))

    @property
    def unjudged_text(self) -> str:
        """「9月28日〜10月4日の週 途中: 83.3%」「2026年9月 値なし」: newer periods, why not judged."""
        return Markup("、").join(
            md_words(f"{period_name(r.period)} 値なし")
            if r.value is None
            else md_words(f"{period_name(r.period)} {phase_text(r)}: ", money_markup(self.kpi, r.value))
            for r in self.unjudged
        )

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "—"
        if self.bound is None:
            return "—(この期間の目標なし)"
        text = md_words(bound_markup(self.kpi, self.bound), f" {DIRECTION_LABELS[self.target.direction]}")
        share = share_markup(self.kpi, self.target, self.bound)
        return md_words(text, "(", share, ")") if share else text

    @property
    def criterion_text(self) -> str:
        """What "on track" means for this KPI in the judged period: its threshold, else its target."""
        if self.target is None:
            return "—"
        bound = on_track_bound(self.kpi, self.target, self.bound, self.judged)
        if bound is None:
            return "—"
        return md_words(bound_markup(self.kpi, bound), f" {DIRECTION_LABELS[self.target.direction]}")

    @property
    def deadline_text(self) -> str:
        return format_date(self.target.deadline) if self.target else "—"

    @property
    def previous(self) -> Reading | None:
        """前期: the period before the judged one."""
        return self.readings.previous(self.judged) if self.readings and self.judged else None

    @property
    def year_ago(self) -> Reading | None:
        """前年同期: the judged period a year earlier, when the data reaches back that far."""
        return self.readings.year_before(self.judged) if self.readings and self.judged else None

    @property
    def previous_change_text(self) -> str:
        return self._change(self.previous)

    @property
    def year_change_text(self) -> str:
        return self._change(self.year_ago)

    def _change(self, before: Reading | None) -> str:
        if self.problems or before is None or before.value is None or self.value is None:
            return "—"
        then = money_markup(self.kpi, before.value)
        change = change_markup(self.kpi, before.value, self.value)
        return md_words(change, f"({period_name(before.period)}: ", then, ")")

    def link(self, links: Links) -> Markup:
        return md_link(self.kpi.name, links.kpi(self.kpi.id))


@dataclass(frozen=True)
class ToDateText:
    """The fiscal year (or cumulative target) to date as sentences: actual, pace, forecast."""

    span: str  # 「2026年度(2026年4月〜2026年8月 の 5期間)」
    actual: str
    pace: str  # what the target asked of those periods
    achievement: str  # actual ÷ pace
    forecast: str  # the span's end at this pace
    full: str
    is_rate: bool


def to_date_text(view: KpiView) -> ToDateText | None:
    fiscal = view.to_date
    if fiscal is None or view.target is None:
        return None
    kpi = view.kpi
    first = (
        next(r for r in view.readings.series if r.period.start >= fiscal.span.start)
        if view.readings
        else None
    )
    through = period_name(fiscal.through.period)
    since = period_name(first.period) if first else through
    span_name = (
        fiscal.span.label.replace("FY", "") + "年度"
        if fiscal.span.label.startswith("FY")
        else fiscal.span.label
    )
    achievement = fiscal.achievement
    return ToDateText(
        span=f"{span_name}({since}〜{through} の {fiscal.periods}期間)",
        actual=money_markup(kpi, fiscal.actual, (fiscal.pace,)),
        pace=bound_markup(kpi, fiscal.pace),
        achievement="—" if achievement is None or fiscal.is_rate else f"{_percent(achievement)}",
        forecast=money_markup(kpi, fiscal.forecast, (fiscal.full,)),
        full=money_markup(kpi, fiscal.full),
        is_rate=fiscal.is_rate,
    )


def _percent(ratio: float) -> str:
    return format_value(ratio, "percent", 1)


TARGET_PERIOD_LABELS = {
    "fiscal_year": "年度",
    "quarter": "四半期",
    "month": "月",
    "week": "週",
    "cumulative": "累計",
}


def written_target(kpi: Kpi, target: Target) -> str:
    """A target as its definition states it: 「¥500,000,000 以上(年度)」."""
    text = md_words(money_markup(kpi, target.value), f" {DIRECTION_LABELS[target.direction]}")
    return md_words(text, f"({TARGET_PERIOD_LABELS[target.period]})") if target.period else text


def phase_text(reading: Reading) -> str:
    """途中 / 成熟中 with how far along: 「途中(3/7日)」「成熟中(窓の 45% 経過)」."""
    if reading.phase == "partial":
        return PHASE_LABELS["partial"]
    if reading.phase == "maturing" and reading.matured is not None:
        return f"{PHASE_LABELS['maturing']}(転換期間の {reading.matured * 100:.0f}% 経過)"
    return PHASE_LABELS[reading.phase]


def kpi_maturity(kpi: Kpi, project: Project) -> int:
    """Days a period of ``kpi`` takes to stop changing after it ends (its cohorts' window)."""
    return maturity_days(kpi, {loaded.spec.id: loaded.spec for loaded in project.kpis})


def kpi_readings(kpi: Kpi, inputs: SiteInputs) -> KpiReadings | None:
    measurement = inputs.measurements.kpis.get(kpi.id)
    if measurement is None:
        return None
    return KpiReadings.of(measurement, inputs.measurements.as_of, kpi_maturity(kpi, inputs.project))


def kpi_view(kpi: Kpi, inputs: SiteInputs) -> KpiView:
    """The KPI judged on its latest complete period; a data problem on its inputs withholds both.

    Every page asks for the same views (a KPI's own page, home, the tree, the index…): each is worked out
    once per ``inputs`` and this very ``kpi`` object.
    """
    remembered = inputs.view_memo.get(kpi.id)
    if remembered is not None and remembered.kpi is kpi:
        return remembered
    view = _judged_view(kpi, inputs)
    inputs.view_memo[kpi.id] = view
    return view


def _judged_view(kpi: Kpi, inputs: SiteInputs) -> KpiView:
    measurement = inputs.measurements.kpis.get(kpi.id)
    readings = kpi_readings(kpi, inputs)
    as_of = inputs.measurements.as_of
    problems = inputs.data_problems.get(kpi.id, ())
    judged = readings.judged if readings else None
    target = target_for(kpi, judged.period) if judged else target_on(kpi, as_of)
    sums = sums_over_time(kpi)
    bound = (
        period_target(target, judged.period, sums)
        if target and judged
        else (target.value if target else None)
    )
    if problems:
        status = StatusBadge("data_problem")
    elif judged is None:
        status = StatusBadge("pending" if readings and readings.newest else "no_data")
    else:
        status = StatusBadge(judge(kpi, judged, target, bound))
    fiscal = (
        None
        if problems or readings is None
        else to_date(kpi, readings, as_of, sums, kind_of(kpi.compute).shows_fraction)
    )
    return KpiView(kpi, measurement, readings, target, bound, status, problems, fiscal)


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
