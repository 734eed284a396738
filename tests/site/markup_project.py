"""A copy of the sample project whose every text field starts with markup, for the browser's XSS proof."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# One string with every way in: an element with a handler, a script, an attribute break-out, an
# entity that must stay as written. Each element carries class="pwn" so the DOM can be searched for it.
MARKUP = (
    "<img src=x onerror=alert(1) class=pwn>"
    "<script class=pwn>alert(2)</script>"
    '"><svg onload=alert(3) class=pwn>'
    "&amp;"
)
# Fields a reader sees: names, descriptions, checklist items, glossary entries, team names, labels.
TEXT_FIELDS = frozenset(
    {"name", "description", "text", "label", "term", "expansion", "definition", "rationale", "scope"}
)
TEXT_LISTS = frozenset({"aliases", "synonyms"})
# Subtrees that name data (tables, columns, filters): changing them would break measuring, not show text.
DATA_SUBTREES = frozenset({"compute", "criteria", "filter", "tables", "columns"})
LADEN_FILES = (
    "metrics",
    "definitions/sla",
    "definitions/checklists",
    "definitions/glossary.yml",
    "definitions/teams.yml",
    "definitions/tree.yml",
)


def laden(value: Any, kept: frozenset[str] = frozenset()) -> Any:
    """``value`` with :data:`MARKUP` put before every text field's text, except the texts ``kept``."""
    if isinstance(value, dict):
        return {key: _laden_field(key, item, kept) for key, item in value.items()}
    if isinstance(value, list):
        return [laden(item, kept) for item in value]
    return value


def _laden_field(key: str, item: Any, kept: frozenset[str]) -> Any:
    if key in DATA_SUBTREES:
        return item
    if key in TEXT_FIELDS and isinstance(item, str):
        return item if item in kept else MARKUP + item
    if key in TEXT_LISTS and isinstance(item, list):
        return [MARKUP + entry if isinstance(entry, str) and entry not in kept else entry for entry in item]
    return laden(item, kept)


def referenced_terms(project: Path) -> frozenset[str]:
    """Glossary terms (and synonyms) KPIs name in ``terms:``: they stay, so pages keep their tooltips."""
    names: set[str] = set()
    for path in (project / "metrics").glob("*.yml"):
        names.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("terms") or [])
    return frozenset(names)


def lade_project(project: Path) -> int:
    """Rewrite the project's definitions with markup in every text field; returns the fields changed."""
    changed = 0
    kept = referenced_terms(project)
    for part in LADEN_FILES:
        target = project / part
        for path in sorted(target.glob("*.yml")) if target.is_dir() else [target]:
            text = path.read_text(encoding="utf-8")
            rewritten = yaml.safe_dump(
                laden(yaml.safe_load(text), kept), allow_unicode=True, sort_keys=False, width=10_000
            )
            changed += rewritten.count("onerror=alert(1)")
            path.write_text(rewritten, encoding="utf-8")
    return changed
