"""The jinja2 environment: templates in the package, autoescape on, every value Markdown-escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .formatting import activity_label, format_date, format_value, progress_bar
from .links import anchor_id
from .text import md_text


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` goes through here: ``None`` reads as a dash, text is escaped (see text.py)."""
    if value is None:
        return Markup("—")
    if isinstance(value, Markup | int | float):
        return value
    return md_text(value)


def _join(items: Iterable[Any], separator: str = "") -> Markup:
    """Like jinja's ``join`` but each item is Markdown-escaped (the built-in only HTML-escapes)."""
    return Markup(separator).join(md_text(item) for item in items)


def _fenced(code: str, language: str = "") -> Markup:
    """A fenced code block; the fence is longer than any backtick run inside, so it cannot be closed early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{language}\n{code}\n{fence}")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists use "{#id}", so jinja comments are "{## … ##}".
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["join"] = _join
    env.filters["anchor"] = anchor_id
    env.filters["fenced"] = _fenced
    env.filters["activity"] = activity_label
    env.filters["value"] = format_value
    env.filters["date"] = format_date
    env.filters["progress"] = progress_bar
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` with the typed context of its page kind; output ends with one newline."""
    text = environment().get_template(template).render(**context)
    return text.rstrip() + "\n"
