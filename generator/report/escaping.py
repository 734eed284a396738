"""Definition text shown on a terminal or in CI logs: control characters made visible, never obeyed.

A file named ``a\\x1b[2J.yml`` or a key holding a newline would otherwise clear the screen, forge a
report line or (for GitHub) inject a workflow command; bidirectional overrides would reorder text.
"""

from __future__ import annotations

import re

from ..model.issue import Issue

# C0 controls (newline and tab included), DEL, C1 controls (\x9b is a one-byte CSI), bidi marks,
# embeddings, overrides and isolates, and the Unicode line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` or ``\\uNNNN``."""
    return _HIDDEN.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible_issue(issue: Issue) -> Issue:
    """The same issue with its file name and both messages made safe to print."""
    where = issue.location
    return Issue(
        issue.code,
        type(where)(visible(where.file), where.line, where.col),
        visible(issue.message_ja),
        visible(issue.message_en),
        issue.severity,
    )
