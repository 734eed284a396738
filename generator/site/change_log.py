"""The change log of the definitions from git: ``kpi diff``'s semantic diff between consecutive commits.

``git log`` lists the newest commits that touched the definitions (at most ``MAX_COMMITS``); each is
compared with the one before it through the same loader and ``diff.semantic`` as ``kpi diff``. A pair
of commits never changes, so its changes are cached under the two commit ids (and the diff code's
version): a rebuild after one new commit loads two revisions, not thirty. Outside git: ``None``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..diff.revisions import RevisionProblem, load_revision
from ..diff.semantic import semantic_diff
from ..model.change_log import ChangeLog, LoggedChange, LoggedCommit
from ..model.project import Project
from .cache import StageCache
from .fingerprints import code_version, digest
from .history import git_output

MAX_COMMITS = 15
DEFINITION_PATHS = ("metrics", "definitions", "kpi.yml")
_DIFF_CODE = ("diff/semantic.py", "diff/wording.py", "diff/classify.py", "loading", "model")
_FIELDS = "%H%x1f%ad%x1f%s"


def change_log(
    project_dir: Path, cache: StageCache | None = None, limit: int = MAX_COMMITS
) -> ChangeLog | None:
    """The newest ``limit`` commits that changed a definition, newest first; None outside git."""
    out = git_output(
        project_dir, "log", f"-n{limit + 1}", f"--format={_FIELDS}", "--date=short", "--", *DEFINITION_PATHS
    )
    if out is None:
        return None
    entries = [line.split("\x1f") for line in out.splitlines() if line.count("\x1f") == 2]
    version = code_version(*_DIFF_CODE)
    loaded: dict[str, Project] = {}
    commits = []
    for index, (commit, date, subject) in enumerate(entries[:limit]):
        older = entries[index + 1][0] if index + 1 < len(entries) else None
        changes = _pair(project_dir, older, commit, version, cache, loaded)
        if changes:
            commits.append(LoggedCommit(commit[:7], date, subject, changes, first=older is None))
    return ChangeLog(tuple(commits), limit, truncated=len(entries) > limit)


def _pair(
    project_dir: Path,
    older: str | None,
    newer: str,
    version: str,
    cache: StageCache | None,
    loaded: dict[str, Project],
) -> tuple[LoggedChange, ...]:
    key = digest("change-log", older, newer, version)
    remembered = _remembered(cache.read_json("change-log", f"{key}.json")) if cache else None
    if remembered is not None:
        return remembered
    before = _project(project_dir, older, loaded) if older else Project()
    after = _project(project_dir, newer, loaded)
    changes = tuple(
        LoggedChange(c.entity, c.entity_id, c.category, c.text_ja, c.text_en)
        for c in semantic_diff(before, after)
    )
    if cache is not None:
        text = json.dumps([asdict(c) for c in changes], ensure_ascii=False, sort_keys=True)
        cache.write_text("change-log", f"{key}.json", text)
    return changes


def _project(project_dir: Path, commit: str, loaded: dict[str, Project]) -> Project:
    if commit not in loaded:
        try:
            loaded[commit] = load_revision(project_dir, commit).loaded.project
        except RevisionProblem:  # the project folder did not exist yet at that commit
            loaded[commit] = Project()
    return loaded[commit]


def _remembered(cached: object) -> tuple[LoggedChange, ...] | None:
    """A cached pair, or None when the entry is not one we wrote (then git is asked again)."""
    fields = {"entity", "entity_id", "category", "text_ja", "text_en"}
    if not isinstance(cached, list):
        return None
    if not all(
        isinstance(c, dict) and set(c) == fields and all(isinstance(v, str) for v in c.values())
        for c in cached
    ):
        return None
    return tuple(LoggedChange(**c) for c in cached)
