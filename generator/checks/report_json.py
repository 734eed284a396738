"""Check reports as deterministic JSON (sorted keys, UTF-8 text) for the site and for CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model.check_result import CheckReport, CheckResult
from ..model.issue import Location


def report_to_dict(report: CheckReport) -> dict[str, Any]:
    """A plain dict: a summary plus every result in report order."""
    return {
        "summary": {"checks": len(report.results), "failed": len(report.failed)},
        "results": [_result_to_dict(result) for result in report.results],
    }


def report_from_dict(data: dict[str, Any]) -> CheckReport:
    return CheckReport(tuple(_result_from_dict(item) for item in data["results"]))


def dumps_report(report: CheckReport) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def save_report(report: CheckReport, path: Path) -> None:
    """Write ``report`` to ``path``; the same report always gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_report(report), encoding="utf-8")


def load_report(path: Path) -> CheckReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a check report")
    return report_from_dict(data)


def _result_to_dict(result: CheckResult) -> dict[str, Any]:
    location = result.location
    return {
        "check_id": result.check_id,
        "subject_kind": result.subject_kind,
        "subject": result.subject,
        "rule": result.rule,
        "column": result.column,
        "success": result.success,
        "unexpected_count": result.unexpected_count,
        "element_count": result.element_count,
        "message_ja": result.message_ja,
        "message_en": result.message_en,
        "location": {"file": location.file, "line": location.line, "col": location.col},
        "severity": result.severity,
    }


def _result_from_dict(item: dict[str, Any]) -> CheckResult:
    location = item["location"]
    return CheckResult(
        check_id=str(item["check_id"]),
        subject_kind="table" if item["subject_kind"] == "table" else "kpi",
        subject=str(item["subject"]),
        rule=str(item["rule"]),
        column=None if item["column"] is None else str(item["column"]),
        success=bool(item["success"]),
        unexpected_count=_optional_int(item["unexpected_count"]),
        element_count=_optional_int(item["element_count"]),
        message_ja=str(item["message_ja"]),
        message_en=str(item["message_en"]),
        location=Location(str(location["file"]), int(location["line"]), int(location["col"])),
        severity="warning" if item.get("severity") == "warning" else "error",  # older reports: error
    )


def _optional_int(value: object) -> int | None:
    return None if value is None else int(str(value))
