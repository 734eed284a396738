"""Where every generated page lives, and relative links between them (the site works from any base URL)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from markupsafe import Markup

HOME = "index.md"
TREE = "tree.md"
KPI_INDEX = "kpis/index.md"
FUNNEL = "funnel.md"
SLA_INDEX = "sla/index.md"
CHECKLISTS = "checklists.md"
PHASES = "phases.md"
GLOSSARY = "glossary.md"
QUALITY = "quality.md"
RULES = "rules.md"
DATA_MODEL = "data-model.md"
CHANGES = "changes.md"
SUMMARY_JSON = "assets/kpi-summary.json"


def kpi_page(kpi_id: str) -> str:
    return f"kpis/{kpi_id}.md"


def sla_page(sla_id: str) -> str:
    return f"sla/{sla_id}.md"


@dataclass(frozen=True)
class Links:
    """Relative Markdown links from the page being rendered (``page`` is its docs-relative path)."""

    page: str

    def to(self, target: str, anchor: str | None = None) -> Markup:
        """A relative href (trusted markup: built from ids and fixed paths, anchors sanitised)."""
        here = posixpath.dirname(self.page) or "."
        href = _UNSAFE_PATH.sub("-", posixpath.relpath(target, here))
        return Markup(f"{href}#{anchor_id(anchor)}" if anchor else href)

    def kpi(self, kpi_id: str, anchor: str | None = None) -> Markup:
        return self.to(kpi_page(kpi_id), anchor)

    def sla(self, sla_id: str, anchor: str | None = None) -> Markup:
        return self.to(sla_page(sla_id), anchor)

    def term(self, term_id: str) -> Markup:
        return self.to(GLOSSARY, term_anchor(term_id))

    def check(self, check_id: str) -> Markup:
        return self.to(QUALITY, check_anchor(check_id))

    def table(self, table_id: str) -> Markup:
        return self.to(DATA_MODEL, f"table-{table_id}")


_UNSAFE_PATH = re.compile(r"[^A-Za-z0-9_./-]")
_UNSAFE_ANCHOR = re.compile(r"[^a-z0-9_-]+")


def anchor_id(text: str) -> Markup:
    """An element id / URL fragment: lower-case ASCII letters, digits, ``-`` and ``_`` only."""
    return Markup(_UNSAFE_ANCHOR.sub("-", text.lower()).strip("-") or "x")


def term_anchor(term_id: str) -> Markup:
    return anchor_id(f"term-{term_id}")


def check_anchor(check_id: str) -> Markup:
    """Check ids look like ``table:leads:unique:lead_id``; the anchor keeps only safe characters."""
    return anchor_id(f"check-{check_id}")
