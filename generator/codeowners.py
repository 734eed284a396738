"""``.github/CODEOWNERS`` from the definitions: each KPI file reviewed by its owner team, each SLA file
by the teams that agreed to it, as GitHub names them in ``definitions/teams.yml`` (``github:``).

The generated lines live between two marker lines, so a team's own lines stay as they are; a new file
gets the block alone. CODEOWNERS lets the last matching line win, so keep hand-written catch-alls
(``*``) above the block. Paths are relative to the project folder, which is the repository's root.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from .model.project import Project

CODEOWNERS_FILE = ".github/CODEOWNERS"
BEGIN = "# >>> kpi codeowners — 生成された行です。定義を変えたら kpi codeowners で書き直してください"
END = "# <<< kpi codeowners"
_BEGIN_PREFIX = "# >>> kpi codeowners"
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")  # nothing CODEOWNERS would read as a pattern or comment


def owner_lines(project: Project) -> list[str]:
    """``/path handle…`` per KPI and SLA file whose teams have a GitHub handle, sorted by path."""
    handles = (
        {team.id: team.github for team in project.teams.spec.teams if team.github} if project.teams else {}
    )
    owners: dict[str, list[str]] = {}
    for kpi in project.kpis:
        owners[kpi.file] = [kpi.spec.owner.team]
    for sla in project.slas:
        owners[sla.file] = [*sla.spec.mql.agreed_by, *sla.spec.sql.agreed_by]
    lines = []
    for path in sorted(owners):
        named = list(dict.fromkeys(handles[team] for team in owners[path] if team in handles))
        if named and _SAFE_PATH.match(path):
            lines.append(f"/{path} {' '.join(named)}")
    return lines


def generated_block(project: Project) -> list[str]:
    return [BEGIN, *owner_lines(project), END]


def updated_text(existing: str | None, project: Project) -> str:
    """The file with its generated block rewritten (or appended, or alone in a new file)."""
    block = generated_block(project)
    if existing is None or not existing.strip():
        return "\n".join(block) + "\n"
    lines = existing.splitlines()
    span = block_span(lines)
    if span is None:
        return "\n".join([*lines, "", *block]) + "\n"
    start, end = span
    return "\n".join([*lines[:start], *block, *lines[end + 1 :]]) + "\n"


def block_span(lines: list[str]) -> tuple[int, int] | None:
    """0-based indexes of the begin and end markers, or None when the file has no (whole) block."""
    start = next((i for i, line in enumerate(lines) if line.startswith(_BEGIN_PREFIX)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == END), None)
    return None if end is None else (start, end)


def first_stale_line(existing: str, project: Project) -> int | None:
    """The 1-based line where the committed block departs from the definitions; None when it agrees
    or the file has no block (a team that does not use ``kpi codeowners``)."""
    lines = existing.splitlines()
    span = block_span(lines)
    if span is None:
        return None
    start, end = span
    committed, expected = lines[start + 1 : end], owner_lines(project)
    for offset, (line, wanted) in enumerate(zip_longest(committed, expected)):
        if line != wanted:
            return start + 2 + min(offset, len(committed))
    return None
