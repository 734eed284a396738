"""The rules reference: each validation rule's code, name and docstring (with its bad/good examples)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from ..render.inputs import RuleDoc
from ..rules import DEFAULT_RULES
from ..rules.base import Rule


def rule_docs(rules: Iterable[Rule]) -> tuple[RuleDoc, ...]:
    """Document each rule from its class: ``code``, ``name`` and the docstring."""
    docs = []
    for rule in rules:
        text = inspect.cleandoc(type(rule).__doc__ or "")
        summary, _, body = text.partition("\n\n")
        docs.append(RuleDoc(code=rule.code, name=rule.name, summary=" ".join(summary.split()), body=body.strip()))
    return tuple(sorted(docs, key=lambda d: d.code))


def default_rule_docs() -> tuple[RuleDoc, ...]:
    """The shipped rules, documented."""
    return rule_docs(DEFAULT_RULES)
