"""OWN002 person-not-in-team."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule


class PersonNotInTeam(Rule):
    """A named owner or signatory is listed as a member of their team (warning), so the owner moving on
    shows up as a failing check rather than a KPI nobody updates.

    Bad (``teams.yml`` lists marketing: [佐藤 美咲])::

        owner: {team: marketing, person: 鈴木 翔}

    Good::

        owner: {team: marketing, person: 佐藤 美咲}
    """

    code = "OWN002"
    name = "person-not-in-team"
    title_ja = "担当者がチームに所属している"
    summary_ja = (
        "名前を挙げた担当者・署名者が、そのチームのメンバーに載っていること(警告)。担当者の異動が検"
        "証の失敗として見えます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if project.teams is None:
            return
        members = {team.id: set(team.members) for team in project.teams.spec.teams}
        for team, person, where in _people(project):
            listed = members.get(team)
            if listed and person not in listed:
                yield self.warning(
                    where,
                    f"「{person}」はチーム「{team}」のメンバーにいません — "
                    "definitions/teams.yml の members に追加するか、担当者を直してください",
                    f"'{person}' is not a member of team '{team}' — "
                    "add them to members in definitions/teams.yml or fix the owner",
                )


def _people(project: Project) -> Iterator[tuple[str, str, Location]]:
    for kpi in project.kpis:
        yield kpi.spec.owner.team, kpi.spec.owner.person, kpi.at("owner", "person")
    for sla in project.slas:
        for i, signatory in enumerate(sla.spec.signatories):
            yield signatory.team, signatory.person, sla.at("signatories", i, "person")
