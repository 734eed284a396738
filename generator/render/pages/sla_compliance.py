"""The SLA page's compliance figures: the KPI's one computation, each table and chart with its window.

Every figure here comes from ``SlaReport``, which the engine builds from the same judged hand-offs and the
same cells (``engine/sla_report.sla_compliance_cells``) as the ``sla_compliance`` KPI. This module only
picks periods and says which ones: the headline is the latest *complete* week (a week containing the
as-of date is 「途中」 and never stands as a headline), the team table is the latest complete fiscal quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.compute import SlaCompliance
from ...model.kpi import Kpi
from ...model.measurement import Point, SlaReport
from ...model.periods import (
    Grain,
    Period,
    latest_complete_start,
    latest_full_quarter,
    period_of,
    window_start,
)
from ...model.project import Project
from ..formatting import DIRECTION_LABELS, current_target, format_date, format_value
from ..period_text import period_name

WEEKS_SHOWN = 13  # a quarter in the table; the chart shows every week
PARTIAL = "途中"


@dataclass(frozen=True)
class Headline:
    """The page's one compliance figure and the period it is for."""

    value: str  # 65.1%, or — when nothing was decided that week
    period: str  # 9月21日〜27日の週(直近の完了した週)
    met: str
    decided: str
    target: str | None  # 90.0% 以上, from the KPI's target in force


@dataclass(frozen=True)
class Windows:
    """What each chart and table covers, in the words printed above it."""

    speed: str
    weeks_chart: str
    weeks_table: str
    teams: str


def compliance_kpi(project: Project, sla_id: str) -> Kpi | None:
    """The KPI that measures this SLA's compliance (the first by id when several do)."""
    found = sorted(
        (loaded.spec for loaded in project.kpis if _measures(loaded.spec, sla_id)), key=lambda kpi: kpi.id
    )
    return found[0] if found else None


def _measures(kpi: Kpi, sla_id: str) -> bool:
    return isinstance(kpi.compute, SlaCompliance) and kpi.compute.sla == sla_id


def target_value(kpi: Kpi | None, as_of: dt.date) -> float | None:
    """The KPI's target in force on the as-of date (a rate: the same at every grain)."""
    target = current_target(kpi, as_of) if kpi else None
    return target.value if target else None


def span(period: Period) -> str:
    """「2026年7月1日〜9月30日」: the period's first and last day, the year said once when it is one."""
    last = period.end - dt.timedelta(days=1)
    end = f"{last.month}月{last.day}日" if last.year == period.start.year else format_date(last)
    return f"{format_date(period.start)}〜{end}"


def headline(report: SlaReport, kpi: Kpi | None, as_of: dt.date) -> Headline:
    """The latest complete week's compliance, with its week stated (never the week still running)."""
    week = period_of(latest_complete_start(as_of, "week"), "week")
    point = _point_at(report.compliance_by_week, week.start)
    target = current_target(kpi, as_of) if kpi else None
    return Headline(
        value=format_value(point.value if point else None, "percent", 1),
        period=f"{period_name(week)}(直近の完了した週)",
        met=_count(point.numerator if point else None),
        decided=_count(point.denominator if point else None),
        target=(
            f"{format_value(target.value, 'percent', 1)} {DIRECTION_LABELS[target.direction]}"
            if target
            else None
        ),
    )


def team_total(report: SlaReport, as_of: dt.date) -> tuple[str, str]:
    """The team table's 全チーム row: the whole latest complete quarter (value, decided hand-offs)."""
    point = _point_at(report.compliance_by_quarter, latest_full_quarter(as_of).start)
    return format_value(point.value if point else None, "percent", 1), _count(
        point.denominator if point else None
    )


def week_rows(report: SlaReport, as_of: dt.date) -> list[tuple[str, str, str]]:
    """The table's weeks (latest last); the week containing the as-of date is marked 「途中」."""
    return [
        (
            _label(point, "week", as_of),
            format_value(point.value, "percent", 1),
            _count(point.denominator),
        )
        for point in report.compliance_by_week[-WEEKS_SHOWN:]
    ]


def windows(report: SlaReport, as_of: dt.date) -> Windows:
    quarter = latest_full_quarter(as_of)
    speed_from = window_start(as_of)
    return Windows(
        speed=f"{format_date(speed_from)}〜{format_date(as_of)}(直近12か月)に引き渡し、初回接触した引き渡し",
        weeks_chart=_weeks(report.compliance_by_week, as_of, "直近12か月にかかる週"),
        weeks_table=_weeks(report.compliance_by_week[-WEEKS_SHOWN:], as_of, f"直近{WEEKS_SHOWN}週"),
        teams=f"{span(quarter)}({period_name(quarter)}、直近の完了した四半期)に引き渡した分",
    )


def _weeks(points: tuple[Point, ...], as_of: dt.date, name: str) -> str:
    if not points:
        return f"{name}(データなし)"
    first, last = period_of(points[0].start, "week"), period_of(points[-1].start, "week")
    whole = Period(first.start, last.end, "week", f"{first.label}〜{last.label}")
    unfinished = f"。{period_name(last)} は{PARTIAL}で、判定しません" if last.is_partial(as_of) else ""
    return f"{span(whole)}({name}{unfinished})"


def _label(point: Point, grain: Grain, as_of: dt.date) -> str:
    period = period_of(point.start, grain)
    name = period_name(period)  # as the KPI page's trend table names it
    return f"{name}({PARTIAL})" if period.is_partial(as_of) else name


def _point_at(points: tuple[Point, ...], start: dt.date) -> Point | None:
    return next((p for p in points if p.start == start), None)


def _count(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}件"
