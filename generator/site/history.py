"""Who changed a definition, when and why: ``git log --follow`` per file, cached per HEAD commit."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ..render.inputs import Change
from .cache import StageCache
from .fingerprints import digest

_FIELDS = "%h%x1f%an%x1f%ad%x1f%s"
_TIMEOUT_SECONDS = 20
_CHANGE_FIELDS = ("commit", "author", "date", "subject")


def git_output(project_dir: Path, *args: str) -> str | None:
    """One git command's output in the project, or None (not a repository, git missing, a failure)."""
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", "-C", str(project_dir), *args],
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def head_commit(project_dir: Path) -> str | None:
    """The commit checked out, or ``None`` outside a git repository (or with no commits yet)."""
    out = git_output(project_dir, "rev-parse", "HEAD")
    return out.strip() if out else None


def file_history(project_dir: Path, path: str) -> tuple[Change, ...]:
    """Commits touching ``path`` (following renames), newest first; dates are the commits' own."""
    out = git_output(project_dir, "log", "--follow", f"--format={_FIELDS}", "--date=short", "--", path)
    if not out:
        return ()
    changes = []
    for line in out.splitlines():
        parts = line.split("\x1f")
        if len(parts) == 4:
            changes.append(Change(commit=parts[0], author=parts[1], date=parts[2], subject=parts[3]))
    return tuple(changes)


def definition_history(
    project_dir: Path, files: Mapping[str, str], cache: StageCache | None = None
) -> dict[str, tuple[Change, ...]]:
    """``files`` maps a KPI id to its file; empty histories when not in a git repository."""
    head = head_commit(project_dir)
    if head is None:
        return {}
    key = digest("history", head, dict(sorted(files.items())))
    cached = _remembered(cache.read_json("history", f"{key}.json")) if cache else None
    if cached is not None:
        return cached
    found = {kpi_id: file_history(project_dir, path) for kpi_id, path in sorted(files.items())}
    if cache is not None:
        plain = {k: [vars(c) for c in v] for k, v in found.items()}
        cache.write_text("history", f"{key}.json", json.dumps(plain, ensure_ascii=False, sort_keys=True))
    return found


def _remembered(cached: object) -> dict[str, tuple[Change, ...]] | None:
    """A cached history, or ``None`` if the entry is not one we wrote (a miss: git is asked again)."""
    if not isinstance(cached, dict):
        return None
    found: dict[str, tuple[Change, ...]] = {}
    for kpi_id, changes in cached.items():
        if not isinstance(changes, list) or not all(_a_change(change) for change in changes):
            return None
        found[kpi_id] = tuple(Change(**change) for change in changes)
    return found


def _a_change(value: object) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == set(_CHANGE_FIELDS)
        and all(isinstance(value[name], str) for name in _CHANGE_FIELDS)
    )
