"""Glossary tooltips that work in Japanese text: a Python-Markdown extension.

The stock ``abbr`` extension matches a term only between word breaks (``\\b``). Japanese has no
spaces, so in 「MQLとSQLの定義」 it finds nothing. Here a term matches wherever the neighbouring
characters would not continue an ASCII word: 「MQLとSQLの定義」 gets two tooltips, while "MQLs" and
"SQLite" get none. Longer terms win (「MQL→SQL転換率」 over 「MQL」).

Only element text is rewritten, never attributes, so URLs, ids and ``title``s stay as they were;
code, links, headings, existing ``<abbr>`` and raw HTML (stashed before tree processing) are skipped.

Use in ``mkdocs.yml`` (or set the ``glossary`` option from a plugin's ``on_config``)::

    markdown_extensions:
      - generator.site.glossary_abbr:
          glossary: {MQL: "Marketing Qualified Lead — …"}
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from ..model.glossary import Term

# Elements whose text must stay as written: code, links (a tooltip inside a link fights the link),
# headings (their text becomes the anchor id and the table of contents), existing abbreviations.
SKIPPED_TAGS = frozenset(
    {"code", "pre", "kbd", "samp", "script", "style", "a", "abbr", "svg", "math"}
    | {f"h{level}" for level in range(1, 7)}
)
_ASCII_WORD = "A-Za-z0-9_"
_RAW_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>$", re.DOTALL)
# Runs after attr_list (8) has consumed `{: …}` and before toc (5) reads headings.
PRIORITY = 7.0
TITLE_LIMIT = 160


def term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for every term, longest first; ASCII word edges must not touch ASCII word characters."""
    parts = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):
        if not term:
            continue
        before = f"(?<![{_ASCII_WORD}])" if re.match(f"[{_ASCII_WORD}]", term[0]) else ""
        after = f"(?![{_ASCII_WORD}])" if re.match(f"[{_ASCII_WORD}]", term[-1]) else ""
        parts.append(f"{before}{re.escape(term)}{after}")
    return re.compile("|".join(parts)) if parts else None


class GlossaryAbbrTreeprocessor(Treeprocessor):  # type: ignore[misc]  # markdown ships no types
    """Wrap glossary terms in ``<abbr title="…">`` inside ordinary text."""

    def __init__(self, md: Markdown, glossary: Mapping[str, str]) -> None:
        super().__init__(md)
        self.glossary = dict(glossary)
        self.pattern = term_pattern(self.glossary)
        self._depth_at: dict[tuple[int, str], int] = {}

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self._depth_at = {}
        self._scan(root, 0)
        self._walk(root)

    # Inline raw HTML such as ``<a href=…>MQL</a>`` reaches the tree as placeholders for each tag,
    # with the text between them left as ordinary text. A first pass in reading order records how
    # many skipped raw tags are open where each text starts, so that text is left alone too.
    def _scan(self, element: etree.Element, depth: int) -> int:
        if element.text:
            self._depth_at[(id(element), "text")] = depth
            depth = self._raw_depth(element.text, depth)[-1][1]
        for child in element:
            depth = self._scan(child, depth)
            if child.tail:
                self._depth_at[(id(child), "tail")] = depth
                depth = self._raw_depth(child.tail, depth)[-1][1]
        return depth

    def _raw_depth(self, text: str, depth: int) -> list[tuple[int, int]]:
        """(position, depth from there on) for each raw skipped tag in ``text``, after (0, depth)."""
        steps = [(0, depth)]
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            index = int(placeholder.group(1))
            blocks = self.md.htmlStash.rawHtmlBlocks
            raw = blocks[index] if index < len(blocks) else None
            tag = _RAW_TAG.match(raw) if isinstance(raw, str) else None
            if tag is None or tag.group(2).lower() not in SKIPPED_TAGS or tag.group(3):
                continue
            depth = max(depth - 1, 0) if tag.group(1) else depth + 1
            steps.append((placeholder.end(), depth))
        return steps

    def _walk(self, element: etree.Element) -> None:
        # Children first, from the end: inserting <abbr> siblings must not shift what is still to visit.
        for child in reversed(list(element)):
            if child.tag not in SKIPPED_TAGS:
                self._walk(child)
            self._wrap_tail(element, child)
        if element.text and not isinstance(element.text, AtomicString):
            pieces = self._split(element.text, self._depth_at.get((id(element), "text"), 0))
            if pieces is not None:
                head, abbrs = pieces
                element.text = head
                for position, abbr in enumerate(abbrs):
                    element.insert(position, abbr)

    def _wrap_tail(self, parent: etree.Element, child: etree.Element) -> None:
        # A tail is text after ``child`` inside ``parent``, so it is ordinary text even after a skipped tag.
        if not child.tail or isinstance(child.tail, AtomicString):
            return
        pieces = self._split(child.tail, self._depth_at.get((id(child), "tail"), 0))
        if pieces is None:
            return
        head, abbrs = pieces
        child.tail = head
        index = list(parent).index(child) + 1
        for offset, abbr in enumerate(abbrs):
            parent.insert(index + offset, abbr)

    def _split(self, text: str, depth: int) -> tuple[str, list[etree.Element]] | None:
        """Text before the first term, and one ``<abbr>`` per term carrying the text up to the next."""
        assert self.pattern is not None
        steps = self._raw_depth(text, depth)

        def outside_raw_tags(match: re.Match[str]) -> bool:
            return [d for position, d in steps if position <= match.start()][-1] == 0

        matches = [m for m in self.pattern.finditer(text) if outside_raw_tags(m)]
        if not matches:
            return None
        abbrs = []
        for match, following in zip(matches, [*matches[1:], None], strict=True):
            # tabindex: a keyboard reader reaches the term and tooltips.js shows its tooltip on focus.
            abbr = etree.Element("abbr", {"title": self.glossary[match.group(0)], "tabindex": "0"})
            abbr.text = AtomicString(match.group(0))
            abbr.tail = text[match.end() : following.start() if following else len(text)]
            abbrs.append(abbr)
        return text[: matches[0].start()], abbrs


class GlossaryAbbrExtension(Extension):  # type: ignore[misc]
    """Registers :class:`GlossaryAbbrTreeprocessor` with the configured ``glossary`` (term → title)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"glossary": [{}, "term → tooltip text; terms match inside Japanese text"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        glossary: dict[str, str] = dict(self.getConfig("glossary") or {})
        md.treeprocessors.register(GlossaryAbbrTreeprocessor(md, glossary), "glossary_abbr", PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> GlossaryAbbrExtension:
    return GlossaryAbbrExtension(**kwargs)


def _summary(text: str) -> str:
    """The first sentence of a definition, short enough for a tooltip."""
    first = re.split(r"(?<=。)", " ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= TITLE_LIMIT else first[: TITLE_LIMIT - 1] + "…"


def term_title(term: Term) -> str:
    """Tooltip text: the expansion of an abbreviation, then the definition's first sentence."""
    summary = _summary(term.definition)
    return f"{term.expansion} — {summary}" if term.expansion else summary


def glossary_titles(terms: Iterable[Term]) -> dict[str, str]:
    """The ``glossary`` option from definitions/glossary.yml: each term and each synonym → its title.

    A synonym's tooltip names the term it stands for; when two entries claim the same words, the
    term itself beats a synonym and the first entry beats a later one.
    """
    terms = list(terms)
    titles: dict[str, str] = {term.term: term_title(term) for term in reversed(terms)}
    for term in terms:
        for synonym in term.synonyms:
            titles.setdefault(synonym, f"{term.term}と同じ。{term_title(term)}")
    return dict(sorted(titles.items()))
