"""Text (``file:line:col: CODE message``), JSON and GitHub-annotation renderings of a check outcome."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..model.issue import Issue, Severity
from .outcome import CheckOutcome

_KIND_NAMES: dict[str, tuple[str, str]] = {
    "kpis": ("KPI", "KPIs"),
    "slas": ("SLA", "SLAs"),
    "checklists": ("チェックリスト", "checklists"),
    "checklist_items": ("チェック項目", "checklist items"),
    "terms": ("用語", "terms"),
    "teams": ("チーム", "teams"),
    "tables": ("テーブル", "tables"),
    "ksfs": ("KSF", "KSFs"),
}


def format_text(outcome: CheckOutcome, lang: str) -> str:
    """One line per issue, then a summary line."""
    lines = [_text_line(issue, lang) for issue in outcome.issues]
    lines.append(summary(outcome, lang))
    return "\n".join(lines) + "\n"


def _text_line(issue: Issue, lang: str) -> str:
    label = ""
    if issue.severity == Severity.WARNING:
        label = "[警告] " if lang == "ja" else "[warning] "
    return f"{issue.location}: {issue.code} {label}{issue.message(lang)}"


def summary(outcome: CheckOutcome, lang: str) -> str:
    """``エラー 2 件、警告 1 件(12 ファイル: KPI 10、…)`` or the English equivalent."""
    errors, warnings = len(outcome.errors), len(outcome.warnings)
    if lang == "ja":
        kinds = "、".join(f"{_KIND_NAMES.get(k, (k, k))[0]} {n}" for k, n in outcome.counts.items())
        head = "問題はありません" if not outcome.issues else f"エラー {errors} 件、警告 {warnings} 件"
        return f"{head}({outcome.files} ファイル: {kinds})"
    kinds = ", ".join(f"{n} {_KIND_NAMES.get(k, (k, k))[1]}" for k, n in outcome.counts.items())
    head = "all good" if not outcome.issues else f"{errors} error(s), {warnings} warning(s)"
    return f"{head} ({outcome.files} files: {kinds})"


def format_json(outcome: CheckOutcome, lang: str) -> str:
    """A machine-readable report: counts, and errors and warnings with file, line, column and code."""
    report = {
        "ok": not outcome.errors,
        "lang": lang,
        "files": outcome.files,
        "counts": outcome.counts,
        "error_count": len(outcome.errors),
        "warning_count": len(outcome.warnings),
        "errors": [_json_issue(i, lang) for i in outcome.errors],
        "warnings": [_json_issue(i, lang) for i in outcome.warnings],
    }
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _json_issue(issue: Issue, lang: str) -> dict[str, object]:
    return {
        "file": issue.location.file,
        "line": issue.location.line,
        "column": issue.location.col,
        "code": issue.code,
        "severity": issue.severity.value,
        "message": issue.message(lang),
        "message_ja": issue.message_ja,
        "message_en": issue.message_en,
    }


def format_github(outcome: CheckOutcome, lang: str) -> str:
    """``::error file=…,line=…,col=…,title=CODE::message`` workflow commands, then the summary."""
    lines = []
    for issue in outcome.issues:
        command = "error" if issue.severity == Severity.ERROR else "warning"
        where = issue.location
        file = f"{outcome.prefix}/{where.file}" if outcome.prefix else where.file
        fields = {"file": file, "line": where.line, "col": where.col, "title": issue.code}
        properties = ",".join(f"{key}={_escape_property(str(value))}" for key, value in fields.items())
        lines.append(f"::{command} {properties}::{_escape_data(issue.message(lang))}")
    lines.append(summary(outcome, lang))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    # As GitHub's toolkit escapes command data: %, CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


FORMATTERS: dict[str, Callable[[CheckOutcome, str], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
