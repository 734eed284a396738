"""Text from definitions is data, never markup: escape it for HTML and neutralise Markdown syntax.

Every ``{{ value }}`` in a template passes through :func:`md_text` (the environment's ``finalize``),
so a ``<script>`` in a KPI description shows as text and a ``[link](javascript:…)`` never becomes a link.
Trusted snippets built by the renderer itself (links, chart HTML) are :class:`markupsafe.Markup`.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# HTML's special characters, plus those that start Markdown constructs able to create links, images,
# code, element attributes or table cells. Emphasis markers (* _) stay: at worst they italicise.
# Numeric entities survive every Markdown context (tables, headings, link text) unchanged.
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&#34;",
    "[": "&#91;",
    "]": "&#93;",
    "`": "&#96;",
    "|": "&#124;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
}
_TRANSLATION = str.maketrans(_ENTITIES)
_BLOCK_MARKER = re.compile(r"^([-+*](\s|$)|=+\s*$|#)")
_ORDERED_MARKER = re.compile(r"^(\d+)\.(?=\s|$)")


def md_text(value: object) -> Markup:
    """Escape ``value`` for a Markdown page: HTML-escaped, Markdown-inert, line breaks as ``<br>``."""
    if isinstance(value, Markup):
        return value
    text = str(value).translate(_TRANSLATION)
    lines = [_inert_line_start(line.strip()) for line in text.strip().splitlines()]
    return Markup("<br>".join(line for line in lines if line))


def _inert_line_start(line: str) -> str:
    """A leading list marker (``-``, ``+``, ``1.``) or ``#`` would start a list or heading."""
    if _BLOCK_MARKER.match(line):
        return f"&#{ord(line[0])};{line[1:]}"
    match = _ORDERED_MARKER.match(line)
    return f"{match.group(1)}&#46;{line[match.end() :]}" if match else line


def md_link(label: object, href: str, title: object | None = None) -> Markup:
    """A Markdown link whose label (and title) are escaped; ``href`` is built by the renderer."""
    if title is None:
        return Markup(f"[{md_text(label)}]({href})")
    return Markup(f'[{md_text(label)}]({href} "{escape(str(title))}")')


def md_join(parts: list[Markup], separator: str = "、") -> Markup:
    return Markup(separator).join(parts)
