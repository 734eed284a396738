"""Page HTML and search entries read back from ``.cache/`` are checked before a page or the index uses them.

The build remembers each page's converted HTML (``pages/``) and its search entries (``search/``; the
search box shows them as HTML). Whoever can write the cache (a CI cache shared between branches)
could otherwise put script into any page or search result. A remembered entry is used only when
it is made of what the Markdown conversion writes: the elements and attributes below, links to
pages, anchors or http(s) addresses, the chart markers, and text in which every ``<`` starts one
of those elements. Anything else is a miss: the page is converted again.

Regular expressions, not an HTML parser, read the tags: ~20× faster (the memo exists to save time)
and stricter — anything not written exactly as the conversion writes a tag is refused.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

TAGS = frozenset(
    {"p", "a", "abbr", "span", "div", "br", "hr", "strong", "em", "b", "i", "code", "pre", "kbd", "mark"}
    | {"sup", "sub", "del", "ins", "small", "blockquote", "details", "summary"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"}
    | {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"}
    | {"svg", "polyline", "circle"}  # the home page's sparklines (generator.render.sparkline)
)
ATTRIBUTES = frozenset(
    {"id", "class", "title", "href", "colspan", "rowspan", "align", "style", "open", "start"}
    | {"tabindex", "download"}  # glossary terms reachable by keyboard; the KPI pages' CSV links
    | {"viewbox", "width", "height", "role", "aria-label", "points", "cx", "cy", "r", "fill", "stroke"}
    | {"stroke-width"}
)
SCHEMES = frozenset({"http", "https", "mailto"})
_TAG = re.compile(
    r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)"
    r"(?P<attributes>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
    r"|<!--kpi-chart:[0-9a-f]{64}-->"
)
_TAG_SPLIT = re.compile(r"(<[^<>]*>)")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these from a URL before reading its scheme
_STYLE = re.compile(r"\s*(text-align:\s*(left|right|center)\s*;?\s*)?")
_ANCHOR_ID = re.compile(r"[^\s\"'<>&`]*")


def html_problem(text: str) -> str | None:
    """Why ``text`` may not go into a page (``None`` when it may)."""
    # The conversion escapes < and > inside attribute values too, so a tag is "<", no "<" or ">", ">".
    pieces = _TAG_SPLIT.split(text)
    for index, piece in enumerate(pieces):
        problem = _tag_problem(piece) if index % 2 else ("a '<' outside an element" if "<" in piece else None)
        if problem is not None:
            return problem
    return None


@functools.lru_cache(
    maxsize=8192
)  # pages repeat the same few hundred tags (<td>, </tr>, …) thousands of times
def _tag_problem(tag: str) -> str | None:
    match = _TAG.fullmatch(tag)
    if match is None:
        return f"a tag not written as the conversion writes one: {tag[:60]!r}"
    name = match.group("name")
    if name is None:
        return None  # a chart marker
    if name.lower() not in TAGS:
        return f"element <{name}>"
    attributes = match.group("attributes")
    for attribute in _ATTRIBUTE.finditer(attributes) if attributes else ():
        problem = _attribute_problem(attribute.group(1).lower(), attribute.group(2) or "")
        if problem is not None:
            return f"<{name}>: {problem}"
    return None


def _attribute_problem(name: str, quoted: str) -> str | None:
    if name not in ATTRIBUTES:
        return f"attribute {name}"
    if name not in ("href", "style"):
        return None
    value = html.unescape(quoted[1:-1] if quoted[:1] in ("'", '"') else quoted)
    if name == "href":
        scheme = _SCHEME.match(_URL_IGNORED.sub("", value))
        if scheme is not None and scheme.group(1).lower() not in SCHEMES:
            return f"a link to {value[:40]!r}"
    if name == "style" and _STYLE.fullmatch(value) is None:
        return f"style {value[:40]!r}"
    return None


def page_memo_problem(remembered: dict[str, Any]) -> str | None:
    """A remembered page (``build_memo``): its HTML, title and contents list, all printed unescaped."""
    content, title = remembered.get("content"), remembered.get("title")
    if not isinstance(content, str) or not (title is None or isinstance(title, str)):
        return "not a remembered page"
    for text in (content, title or "", *_toc_titles(remembered.get("toc"))):
        problem = html_problem(text)
        if problem is not None:
            return problem
    ids = [*_toc_ids(remembered.get("toc")), *(remembered.get("anchors") or [])]
    if not all(isinstance(i, str) and _ANCHOR_ID.fullmatch(i) for i in ids):
        return "an anchor id that could leave its attribute"
    return None


def search_entries_problem(entries: list[Any]) -> str | None:
    """Remembered search entries: Material's search box shows ``title`` and ``text`` as HTML."""
    for entry in entries:
        if not isinstance(entry, dict):
            return "not a search entry"
        location = entry.get("location")
        if not isinstance(location, str) or _SCHEME.match(_URL_IGNORED.sub("", location)):
            return f"location {location!r}"
        for key in ("title", "text"):
            value = entry.get(key, "")
            problem = html_problem(value) if isinstance(value, str) else f"{key} is not text"
            if problem is not None:
                return problem
    return None


def _toc_titles(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    titles: list[str] = []
    for item in items:
        if isinstance(item, dict):
            titles.append(str(item.get("title", "")))
            titles.extend(_toc_titles(item.get("children")))
    return titles


def _toc_ids(items: Any) -> list[Any]:
    if not isinstance(items, list):
        return []
    ids: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            ids.append(item.get("id", ""))
            ids.extend(_toc_ids(item.get("children")))
    return ids
