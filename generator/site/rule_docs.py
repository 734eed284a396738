"""The rules reference: each validation rule's code, title, summary and docstring (with bad/good examples).

In Japanese (the default) a rule is headed by its ``title_ja`` and summarised by its ``summary_ja``;
in English by its ``name`` and the docstring's first paragraph. The examples are the docstring's either way.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from ..render.inputs import RuleDoc
from ..rules import DEFAULT_RULES
from ..rules.base import Rule


def rule_docs(rules: Iterable[Rule], lang: str = "ja") -> tuple[RuleDoc, ...]:
    """Document each rule from its class: ``code``, the title and summary in ``lang``, the docstring."""
    docs = []
    for rule in rules:
        text = inspect.cleandoc(type(rule).__doc__ or "")
        summary, _, body = text.partition("\n\n")
        english = " ".join(summary.split())
        docs.append(
            RuleDoc(
                code=rule.code,
                name=rule.name,
                summary=rule.summary_ja if lang == "ja" else english,
                body=body.strip(),
                title=rule.title_ja if lang == "ja" else rule.name,
            )
        )
    return tuple(sorted(docs, key=lambda d: d.code))


def default_rule_docs(lang: str = "ja") -> tuple[RuleDoc, ...]:
    """The shipped rules, documented in ``lang``."""
    return rule_docs(DEFAULT_RULES, lang)
