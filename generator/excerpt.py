"""Definition text quoted back in a message is cut short, so a 100 kB value cannot flood the report."""

from __future__ import annotations

EXCERPT_CHARS = 80


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` itself when short, else its first ``limit`` characters and "…"."""
    return text if len(text) <= limit else text[:limit] + "…"
