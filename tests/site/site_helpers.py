"""Helpers shared by the site tests: copy the shipped project, digest a built site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = 20260401
# A quarter of the sample (5,000 leads) keeps the suite fast; the bench builds the full sample.
SCALE = 0.25
PROJECT_PARTS = ("metrics", "definitions", "site_src", "site_theme", "mkdocs.yml", "kpi.yml")


def copy_project(target: Path) -> Path:
    """The shipped catalogue, site sources and mkdocs.yml, without data, site or cache."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def site_digest(site: Path) -> dict[str, str]:
    """sha256 of every file in a built site, by relative path."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }
