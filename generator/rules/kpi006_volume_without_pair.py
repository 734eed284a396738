"""KPI006 volume-without-pair."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class VolumeWithoutPair(Rule):
    """A volume KPI names a quality KPI in ``pair``, so nobody chases the count at the expense of
    quality (warning).

    Bad::

        id: mql_count
        kind: volume

    Good::

        id: mql_count
        kind: volume
        pair: mql_to_sql_rate
    """

    code = "KPI006"
    name = "volume-without-pair"
    title_ja = "件数の KPI に質のペアがある"
    summary_ja = (
        "件数の KPI は pair で質の KPI を挙げること。質を犠牲にして件数だけを追わないためです(警告)。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            if kpi.spec.kind == "volume" and kpi.spec.pair is None:
                yield self.warning(
                    kpi.at("kind"),
                    f"量の KPI「{kpi.spec.id}」に対になる質の KPI(pair)がありません — "
                    "量だけを追わないよう、pair に転換率などの KPI の id を書いてください",
                    f"volume KPI '{kpi.spec.id}' has no paired quality KPI — "
                    "set pair to a KPI such as a conversion rate so volume is not chased alone",
                )
