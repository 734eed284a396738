"""OWN001 unknown-team."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule
from .lookup import did_you_mean, listing


class UnknownTeam(Rule):
    """Every owner is a team in ``definitions/teams.yml``: KPI owners, checklist item owners, the SLA's
    ``agreed_by``, signatories and responsibilities.

    Bad::

        owner: {team: marketting, person: 佐藤 美咲}

    Good::

        owner: {team: marketing, person: 佐藤 美咲}
    """

    code = "OWN001"
    name = "unknown-team"
    title_ja = "担当チームが実在する"
    summary_ja = (
        "KPI・チェックリスト項目の担当、SLA の合意者・署名者・責任分担が、definitions/teams.yml の"
        "チームであること。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if project.teams is None:
            return
        known = project.team_ids()
        for team, where in _owner_teams(project):
            if team not in known:
                hint_ja, hint_en = did_you_mean(team, known)
                yield self.issue(
                    where,
                    f"チーム「{team}」が definitions/teams.yml にありません{hint_ja} — "
                    f"登録済みのチーム({listing(known)})から選ぶか、teams.yml に追加してください",
                    f"team '{team}' is not in definitions/teams.yml{hint_en} — "
                    f"use one of {listing(known)} or add it to teams.yml",
                )


def _owner_teams(project: Project) -> Iterator[tuple[str, Location]]:
    for kpi in project.kpis:
        yield kpi.spec.owner.team, kpi.at("owner", "team")
    for checklist in project.checklists:
        for i, item in enumerate(checklist.spec.items):
            yield item.owner, checklist.at("items", i, "owner")
    for sla in project.slas:
        spec = sla.spec
        for part in ("mql", "sql"):
            for j, team in enumerate(getattr(spec, part).agreed_by):
                yield team, sla.at(part, "agreed_by", j)
        for i, signatory in enumerate(spec.signatories):
            yield signatory.team, sla.at("signatories", i, "team")
        for team in spec.responsibilities:
            yield team, sla.at("responsibilities", team)
