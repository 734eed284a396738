"""SLA001 unknown-activity-type."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..loading.catalogue import SOURCES_FILE
from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, listing, table_column


class UnknownActivityType(Rule):
    """Scoring rules and hot-lead triggers name an activity type listed in ``activities.type``'s
    ``allowed`` values in ``definitions/sources.yml``.

    Bad::

        - {id: pricing_view, label: 料金ページ閲覧, points: 30, activity: pageview}

    Good::

        - id: pricing_view
          label: 料金ページ閲覧
          points: 30
          activity: page_view
          filter: page_category = 'pricing'
    """

    code = "SLA001"
    name = "unknown-activity-type"
    title_ja = "活動の種類が実在する"
    summary_ja = (
        "スコアリングルールとホットリードの条件が、definitions/sources.yml の activities.type の許"
        "可値にある活動の種類を指していること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        column = table_column(project, ("activities",), "type")
        if column is None or not column.allowed:
            return
        allowed = column.allowed
        for activity, where in _activities(project):
            if activity not in allowed:
                hint_ja, hint_en = did_you_mean(activity, allowed)
                yield self.issue(
                    where,
                    f"行動の種類「{activity}」は activities.type にありません{hint_ja}"
                    f" — {listing(allowed, limit=20)} のどれかを書いてください({SOURCES_FILE})",
                    f"activity type '{activity}' is not an activities.type value{hint_en}"
                    f" — use one of {listing(allowed, limit=20)} ({SOURCES_FILE})",
                )


def _activities(project: Project) -> Iterator[tuple[str, Location]]:
    for sla in project.slas:
        for i, rule in enumerate(sla.spec.scoring.rules):
            if rule.activity is not None:
                yield rule.activity, sla.at("scoring", "rules", i, "activity")
        for i, trigger in enumerate(sla.spec.hot_lead_triggers):
            yield trigger.activity, sla.at("hot_lead_triggers", i, "activity")
