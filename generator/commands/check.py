"""``kpi check``: load every definition, run every rule, print every problem at once, exit 0 only when clean.

Only the loader, the rules and the formatter are imported here, so the check stays fast: no pandas,
DuckDB, Altair or Great Expectations unless ``--data`` asks for the data checks.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..loading.catalogue import load_catalogue
from ..loading.source_tree import DirectoryTree
from ..model.check_result import CheckReport
from ..model.issue import Issue, Location, Severity
from ..report import FORMATTERS, CheckOutcome
from ..rules import run_rules

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def run_check(project_dir: Path, output_format: str, lang: str, strict: bool, with_data: bool) -> int:
    """Validate the project in ``project_dir``; print the report; return the exit code."""
    try:
        return _check(project_dir, output_format, lang, strict, with_data)
    except DataChecksUnavailable as missing:
        _say_error(missing.message(lang))
        return EXIT_CANNOT_RUN
    except Exception as error:  # the last line of defence: a message, never a traceback
        what = f"{type(error).__name__}: {error}"
        _say_error(
            f"kpi check が内部エラーで止まりました({what})— この出力を添えて開発者に報告してください"
            if lang == "ja"
            else f"kpi check stopped on an internal error ({what}) — please report it with this output"
        )
        return EXIT_CANNOT_RUN


def _check(project_dir: Path, output_format: str, lang: str, strict: bool, with_data: bool) -> int:
    if not project_dir.is_dir():
        _say_error(
            f"{project_dir}: フォルダがありません — --project にプロジェクトのフォルダを指定してください"
            if lang == "ja"
            else f"{project_dir}: no such folder — pass the project folder with --project"
        )
        return EXIT_CANNOT_RUN
    loaded = load_catalogue(DirectoryTree(project_dir))
    issues: list[Issue] = [*loaded.issues, *run_rules(loaded.project)]
    if with_data:
        if any(issue.severity == Severity.ERROR for issue in issues):
            _say_error(
                "定義にエラーがあるため、データチェックは実行しませんでした — 先に定義を直してください"
                if lang == "ja"
                else "data checks were not run because the definitions have errors — fix those first"
            )
        else:
            issues.extend(data_issues(project_dir))
    outcome = CheckOutcome.of(issues, len(loaded.files), loaded.project.counts(), _prefix(project_dir))
    click.echo(FORMATTERS[output_format](outcome, lang), nl=False)
    return EXIT_PROBLEMS if outcome.exit_code(strict) else EXIT_OK


def _prefix(project_dir: Path) -> str:
    """The project folder relative to the working directory, or "" when it is not below it."""
    try:
        relative = project_dir.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if relative == Path(".") else relative.as_posix()


def _say_error(text: str) -> None:
    click.echo(text, err=True)
    sys.stderr.flush()


# --- --data: imported only when asked for (DuckDB, Great Expectations) ---

TABLE_CHECK_FAILED = "DATA001"
KPI_CHECK_FAILED = "DATA002"
DATA_UNREADABLE = "DATA003"


class DataChecksUnavailable(Exception):
    """The data-check stage is not installed in this build."""

    def message(self, lang: str) -> str:
        if lang == "ja":
            return "データチェック(--data)はこのバージョンではまだ使えません — --data なしで実行してください"
        return "data checks (--data) are not available in this version yet — run without --data"


def data_issues(project_dir: Path) -> list[Issue]:
    """Failed table and KPI-series checks (and unreadable data) as located issues."""
    check_project_data = _find("generator.checks", "check_project_data")
    if check_project_data is None:
        raise DataChecksUnavailable()
    from ..engine.errors import DataError

    try:
        report = check_project_data(project_dir)
    except DataError as error:
        return [Issue(DATA_UNREADABLE, Location(error.file), error.message("ja"), error.message("en"))]
    if not isinstance(report, CheckReport):
        raise TypeError(f"check_project_data returned {type(report).__name__}, not CheckReport")
    return [
        Issue(
            TABLE_CHECK_FAILED if result.subject_kind == "table" else KPI_CHECK_FAILED,
            result.location,
            result.message_ja,
            result.message_en,
            Severity.WARNING if result.severity == "warning" else Severity.ERROR,
        )
        for result in report.failed
    ]


def _find(module: str, name: str) -> Callable[..., Any] | None:
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError:
        return None
    return found if callable(found) else None
