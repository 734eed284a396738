"""The whole catalogue as loaded: every spec with the file and positions it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .checklist import Checklist
from .glossary import Glossary, Term
from .issue import Location
from .kpi import Kpi
from .positions import KeyPath, SourceDocument
from .settings import ProjectSettings
from .sla import Sla
from .sources import Sources, Table
from .teams import Teams
from .tree import KpiTree

SpecT = TypeVar("SpecT")


@dataclass(frozen=True)
class Loaded(Generic[SpecT]):
    """A spec plus where it was written, so every rule can point at file:line:col."""

    spec: SpecT
    file: str
    document: SourceDocument = field(repr=False, compare=False)

    def at(self, *path: str | int) -> Location:
        position = self.document.locate(tuple(path))
        return Location(self.file, position.line, position.col)


@dataclass(frozen=True)
class Project:
    """Everything a team keeps in git: KPIs, SLA contracts, checklists, glossary, teams, sources, tree."""

    kpis: tuple[Loaded[Kpi], ...] = ()
    slas: tuple[Loaded[Sla], ...] = ()
    checklists: tuple[Loaded[Checklist], ...] = ()
    glossary: Loaded[Glossary] | None = None
    teams: Loaded[Teams] | None = None
    sources: Loaded[Sources] | None = None
    tree: Loaded[KpiTree] | None = None
    settings: Loaded[ProjectSettings] | None = None  # kpi.yml, optional
    codeowners: str | None = None  # .github/CODEOWNERS as committed (rule OWN003 keeps it current)
    # Files that exist but did not load (already reported); rules skip references into them
    # so one broken file does not cascade into "unknown id" errors elsewhere.
    broken_files: tuple[str, ...] = ()

    def kpi(self, kpi_id: str) -> Loaded[Kpi] | None:
        return next((k for k in self.kpis if k.spec.id == kpi_id), None)

    def sla(self, sla_id: str) -> Loaded[Sla] | None:
        return next((s for s in self.slas if s.spec.id == sla_id), None)

    def table(self, table_id: str) -> Table | None:
        if self.sources is None:
            return None
        return next((t for t in self.sources.spec.tables if t.id == table_id), None)

    def team_ids(self) -> set[str]:
        return {t.id for t in self.teams.spec.teams} if self.teams else set()

    def terms(self) -> tuple[Term, ...]:
        return tuple(self.glossary.spec.terms) if self.glossary else ()

    def check_date(self) -> dt.date:
        """The date checks judge freshness by: ``sources.as_of`` (the sample), else the build date."""
        if self.sources is not None and self.sources.spec.as_of:
            return dt.date.fromisoformat(self.sources.spec.as_of)
        return dt.date.today()

    def counts(self) -> dict[str, int]:
        return {
            "kpis": len(self.kpis),
            "slas": len(self.slas),
            "checklists": len(self.checklists),
            "checklist_items": sum(len(c.spec.items) for c in self.checklists),
            "terms": len(self.terms()),
            "teams": len(self.team_ids()),
            "tables": len(self.sources.spec.tables) if self.sources else 0,
            "ksfs": len(self.tree.spec.ksfs) if self.tree else 0,
        }


__all__ = ["KeyPath", "Loaded", "Project"]
