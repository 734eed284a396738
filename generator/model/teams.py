"""Teams that own KPIs, checklist items and SLA clauses."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Identifier, ShortText, Spec

# A GitHub user (@name) or team (@org/team-slug), as CODEOWNERS names a reviewer.
GITHUB_OWNER_PATTERN = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$"
GithubOwner = Annotated[str, StringConstraints(pattern=GITHUB_OWNER_PATTERN)]
# How to reach the team, shown on its KPI pages: a shared mailbox (team@example.com) or a chat channel
# (#channel). Published with the site, so a team's address, never a person's.
TEAM_CONTACT_PATTERN = r"^(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|#[^\s#<>&]{1,80})$"
TeamContact = Annotated[str, StringConstraints(pattern=TEAM_CONTACT_PATTERN)]


class Team(Spec):
    id: Identifier
    name: ShortText
    name_en: ShortText
    members: list[ShortText] = []
    # Who reviews pull requests on what this team owns (``kpi codeowners``); a team slug is best.
    github: GithubOwner | None = None
    contact: TeamContact | None = None


class Teams(Spec):
    teams: list[Team] = Field(min_length=1)
