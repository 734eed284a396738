"""REF006 business-hours-calendar."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.compute import Duration
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class BusinessHoursCalendar(Rule):
    """A duration in ``business_hours`` names the SLA whose business calendar (hours, holidays) it uses.

    Bad::

        compute: {measure: duration, table: handoffs, start: handed_off_at, end: first_contact_at,
                  statistic: median, unit: business_hours}

    Good::

        compute: {measure: duration, table: handoffs, start: handed_off_at, end: first_contact_at,
                  statistic: median, unit: business_hours, calendar: mql_sql_sla}
    """

    code = "REF006"
    name = "business-hours-calendar"
    title_ja = "営業時間のカレンダーを指定する"
    summary_ja = (
        "営業時間(business_hours)で測る所要時間は、営業カレンダー(営業時間・休日)を持つ SLA を指定すること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            compute = kpi.spec.compute
            if not isinstance(compute, Duration):
                continue
            if compute.unit == "business_hours" and compute.calendar is None:
                yield self.issue(
                    kpi.at("compute", "unit"),
                    "営業時間(business_hours)で測るにはカレンダーが必要です"
                    " — calendar に営業時間と休日を定めた SLA の id を書いてください",
                    "business_hours needs a calendar"
                    " — set calendar to the id of the SLA that defines business hours and holidays",
                )
