"""The footer's build stamp: what data the site shows, from which commit, built when.

The build time is the commit's own time, never the clock: two builds of the same commit and data are
byte-identical. Outside git the stamp says so (「git 外」) and gives no time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .history import git_output

# Where the theme override (site_theme/partials/copyright.html) finds the stamp: config.extra.kpi_build.
EXTRA_KEY = "kpi_build"
OUTSIDE_GIT = "git 外"


def build_stamp(project_dir: Path, as_of: dt.date) -> dict[str, str]:
    """``as_of``, ``commit`` (short hash or 「git 外」), ``built`` (the commit's time or 「—」), as text."""
    out = git_output(project_dir, "log", "-1", "--format=%h%x1f%cI")
    parts = out.strip().split("\x1f") if out else []
    commit, built = (parts[0], commit_time_text(parts[1])) if len(parts) == 2 else (OUTSIDE_GIT, "—")
    return {"as_of": f"{as_of.year}年{as_of.month}月{as_of.day}日", "commit": commit, "built": built}


def commit_time_text(iso: str) -> str:
    """「2026年12月6日 21:11(UTC+09:00)」 from git's strict ISO time, in the commit's own offset."""
    try:
        when = dt.datetime.fromisoformat(iso.strip())
    except ValueError:
        return "—"
    offset = when.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}({zone})"


def with_build_stamp(config: Mapping[str, Any], stamp: Mapping[str, str]) -> dict[str, Any]:
    """The builder's config with the stamp under ``extra``, the project's own ``extra`` kept."""
    extra = config.get("extra")
    return {**config, "extra": {**(extra if isinstance(extra, Mapping) else {}), EXTRA_KEY: dict(stamp)}}
