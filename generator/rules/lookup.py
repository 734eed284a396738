"""Look-ups the rules share: ids by kind, children in the tree, near-miss suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from ..loading.catalogue import KPI_GLOB, SLA_GLOB
from ..model.kpi import Kpi, Target
from ..model.project import Loaded, Project
from ..model.sources import Column


def kpi_index(project: Project) -> dict[str, Loaded[Kpi]]:
    """KPIs by id (the first file wins when an id is duplicated; ID002 reports the rest)."""
    index: dict[str, Loaded[Kpi]] = {}
    for kpi in project.kpis:
        index.setdefault(kpi.spec.id, kpi)
    return index


def kpi_file(kpi_id: str) -> str:
    return KPI_GLOB.replace("*", kpi_id)


def sla_file(sla_id: str) -> str:
    return SLA_GLOB.replace("*", sla_id)


def kpi_missing(project: Project, kpi_id: str) -> bool:
    """True when no KPI has this id and no broken file could be hiding it."""
    return project.kpi(kpi_id) is None and kpi_file(kpi_id) not in project.broken_files


def sla_missing(project: Project, sla_id: str) -> bool:
    """True when no SLA has this id and no broken file could be hiding it."""
    return project.sla(sla_id) is None and sla_file(sla_id) not in project.broken_files


def all_kpis_loaded(project: Project) -> bool:
    """Whole-tree rules (one KGI, arithmetic, KSF coverage) need every KPI file to have loaded."""
    prefix = KPI_GLOB.split("*", 1)[0]
    return not any(path.startswith(prefix) for path in project.broken_files)


def children_by_parent(project: Project) -> dict[str, list[Loaded[Kpi]]]:
    """The KPIs that name each id as their tree parent, in file order."""
    children: dict[str, list[Loaded[Kpi]]] = defaultdict(list)
    for kpi in project.kpis:
        if kpi.spec.tree.parent is not None:
            children[kpi.spec.tree.parent].append(kpi)
    return dict(children)


def tree_target(kpi: Kpi) -> Target | None:
    """The target the tree is planned for: the latest deadline, the first listed on a tie.

    The same choice as ``generator.engine.tree_math.tree_target``, so the check and the site agree.
    """
    if not kpi.targets:
        return None
    latest = max(target.deadline for target in kpi.targets)
    return next(target for target in kpi.targets if target.deadline == latest)


def table_column(project: Project, tables: Iterable[str], name: str) -> Column | None:
    """The column ``name`` of the first of ``tables`` that has it."""
    for table_id in tables:
        table = project.table(table_id)
        column = table.column(name) if table else None
        if column is not None:
            return column
    return None


def normalise(text: str) -> str:
    """Compare terms the way people read them: full/half width and case do not matter."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def did_you_mean(word: str, candidates: Iterable[str]) -> tuple[str, str]:
    """A bilingual hint naming the closest candidate, or empty strings."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f"(「{close[0]}」の間違いですか?)", f" (did you mean '{close[0]}'?)"


def listing(values: Iterable[str], limit: int = 12) -> str:
    """A short comma-separated list for messages."""
    items = sorted(set(values))
    shown = ", ".join(items[:limit])
    return shown + (", …" if len(items) > limit else "")
