"""``kpi diff --format json`` for tools and ``--format github`` annotations on HEAD's changed lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence

from pydantic import BaseModel

from ..report.escaping import visible
from .changes import Change
from .impact import Impact, ImpactSkipped
from .markdown import Comment

_GITHUB_TITLES = {"breaking": "破壊的な変更", "target": "目標の変更", "cosmetic": "表記の変更"}
_GITHUB_TITLES_EN = {"breaking": "breaking change", "target": "target change", "cosmetic": "wording change"}


def render_json(comment: Comment) -> str:
    """Every change (never truncated), the impact and the approval state."""
    unapproved = None if comment.unapproved is None else [_change_id(c) for c in comment.unapproved]
    report = {
        "base": comment.base,
        "head": comment.head,
        "lang": comment.lang,
        "changes": [_change_json(c) for c in comment.changes],
        "impact": _impact_json(comment.impact),
        "unapproved_breaking": unapproved,
    }
    return json.dumps(report, ensure_ascii=False, indent=2, default=_plain) + "\n"


def render_github(comment: Comment, prefix: str = "") -> str:
    """One ``::warning``/``::notice`` per change, on the line of HEAD's file that changed."""
    lines = []
    titles = _GITHUB_TITLES if comment.lang == "ja" else _GITHUB_TITLES_EN
    for change in comment.changes:
        command = "notice" if change.category == "cosmetic" else "warning"
        fields: dict[str, object] = {"title": titles[change.category]}
        if change.kind != "removed" or change.steps:  # a removed file has no line in HEAD
            fields = {
                "file": f"{prefix}/{change.file}" if prefix else change.file,
                "line": change.line,
                **fields,
            }
        properties = ",".join(f"{key}={_escape_property(str(value))}" for key, value in fields.items())
        lines.append(f"::{command} {properties}::{_escape_data(visible(change.text(comment.lang)))}")
    return "\n".join(lines) + ("\n" if lines else "")


def _change_id(change: Change) -> dict[str, object]:
    return {"entity": change.entity, "id": change.entity_id, "fields": list(change.fields)}


def _change_json(change: Change) -> dict[str, object]:
    return {
        **_change_id(change),
        "kind": change.kind,
        "category": change.category,
        "old_id": change.old_id,
        "file": change.file,
        "line": change.line,
        "text_ja": change.text_ja,
        "text_en": change.text_en,
    }


def _impact_json(impact: Impact | ImpactSkipped | None) -> object:
    if impact is None:
        return None
    return dataclasses.asdict(impact)


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Sequence):
        return list(value)
    return str(value)


def _escape_data(text: str) -> str:
    # As GitHub's toolkit escapes command data: %, CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
