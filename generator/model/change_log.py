"""The definitions' change log from git: each commit's semantic changes (``kpi diff``'s, not text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoggedChange:
    """One semantic change of a commit, as ``kpi diff`` words and classifies it."""

    entity: str  # kpi, sla, checklist, glossary, teams, sources, tree, settings
    entity_id: str
    category: str  # breaking, target, cosmetic
    text_ja: str
    text_en: str


@dataclass(frozen=True)
class LoggedCommit:
    """A commit that changed a definition, compared with the commit before it that touched one."""

    commit: str  # the short id
    date: str  # the commit's own date, YYYY-MM-DD
    subject: str
    changes: tuple[LoggedChange, ...]
    first: bool = False  # no earlier commit touched the definitions: everything was added


@dataclass(frozen=True)
class ChangeLog:
    """Newest first; at most ``limit`` commits are read (``truncated`` when there were more)."""

    commits: tuple[LoggedCommit, ...]
    limit: int
    truncated: bool

    def latest_for(self, entity: str, entity_id: str) -> tuple[LoggedCommit, tuple[LoggedChange, ...]] | None:
        """The newest commit that changed this definition, with its changes to it."""
        for commit in self.commits:
            mine = tuple(c for c in commit.changes if c.entity == entity and c.entity_id == entity_id)
            if mine:
                return commit, mine
        return None
