"""Teams that own KPIs, checklist items and SLA clauses."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import Identifier, ShortText, Spec

# A GitHub user (@name) or team (@org/team-slug), as CODEOWNERS names a reviewer.
GITHUB_OWNER_PATTERN = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$"
GithubOwner = Annotated[str, StringConstraints(pattern=GITHUB_OWNER_PATTERN)]


class Team(Spec):
    id: Identifier
    name: ShortText
    name_en: ShortText
    members: list[ShortText] = []
    # Who reviews pull requests on what this team owns (``kpi codeowners``); a team slug is best.
    github: GithubOwner | None = None


class Teams(Spec):
    teams: list[Team] = Field(min_length=1)
