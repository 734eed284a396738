"""The domain model, defined once and used by every stage."""

from .checklist import Checklist, ChecklistItem, Evidence
from .glossary import Glossary, Term
from .issue import Issue, Location, Severity
from .kpi import Kpi, Target, Thresholds, TreePlace
from .project import Loaded, Project
from .sla import Sla
from .sources import Sources, Table
from .teams import Team, Teams
from .tree import KpiTree, Ksf

__all__ = [
    "Checklist",
    "ChecklistItem",
    "Evidence",
    "Glossary",
    "Issue",
    "Kpi",
    "KpiTree",
    "Ksf",
    "Loaded",
    "Location",
    "Project",
    "Severity",
    "Sla",
    "Sources",
    "Table",
    "Target",
    "Team",
    "Teams",
    "Term",
    "Thresholds",
    "TreePlace",
]
