"""``kpi check``: load every definition, run every rule, print every problem at once, exit 0 only when clean.

Only the loader, the rules and the formatter are imported here, so the check stays fast: no pandas,
DuckDB, Altair or Great Expectations unless ``--data`` asks for the data checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model.issue import Issue, Severity
from ..model.measurement import MeasurementSet
from ..model.project import Project
from ..pipeline import Workspace, load, validate
from ..report import FORMATTERS, CheckOutcome
from ..report.escaping import visible

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def run_check(workspace: Workspace, output_format: str, strict: bool, with_data: bool) -> int:
    """Validate the project; with ``with_data`` also measure and run the data checks; print; exit code."""
    lang = workspace.lang
    try:
        return _check(workspace, output_format, strict, with_data)
    except Exception as error:  # the last line of defence: a message, never a traceback
        what = f"{type(error).__name__}: {error}"
        _say_error(
            f"kpi check が内部エラーで止まりました({what})— この出力を添えて開発者に報告してください"
            if lang == "ja"
            else f"kpi check stopped on an internal error ({what}) — please report it with this output"
        )
        return EXIT_CANNOT_RUN


def _check(workspace: Workspace, output_format: str, strict: bool, with_data: bool) -> int:
    lang = workspace.lang
    if not workspace.project_dir.is_dir():
        _say_error(
            f"{workspace.project_dir}: フォルダがありません"
            " — --project にプロジェクトのフォルダを指定してください"
            if lang == "ja"
            else f"{workspace.project_dir}: no such folder — pass the project folder with --project"
        )
        return EXIT_CANNOT_RUN
    validated = validate(load(workspace), project_prefix(workspace.project_dir))
    outcome = validated.outcome
    if with_data:
        if not validated.ok:
            _say_error(
                "定義にエラーがあるため、データチェックは実行しませんでした — 先に定義を直してください"
                if lang == "ja"
                else "data checks were not run because the definitions have errors — fix those first"
            )
        else:
            outcome = CheckOutcome.of(
                [*outcome.issues, *data_issues(validated.project, workspace)],
                outcome.files,
                outcome.counts,
                outcome.prefix,
            )
    click.echo(FORMATTERS[output_format](outcome, lang), nl=False)
    return EXIT_PROBLEMS if outcome.exit_code(strict) else EXIT_OK


def project_prefix(project_dir: Path) -> str:
    """The project folder relative to the working directory, or "" when it is not below it."""
    try:
        relative = project_dir.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if relative == Path(".") else relative.as_posix()


def _say_error(text: str) -> None:
    click.echo(visible(text), err=True)
    sys.stderr.flush()


# --- --data: imported only when asked for (DuckDB, Great Expectations) ---

TABLE_CHECK_FAILED = "DATA001"
KPI_CHECK_FAILED = "DATA002"


def data_issues(project: Project, workspace: Workspace) -> list[Issue]:
    """Failed table and KPI-series checks (and unmeasurable data) as located issues."""
    from ..pipeline import MeasureFailure, check_data, measure

    measured: MeasurementSet | MeasureFailure
    try:
        measured = measure(project, workspace)
    except MeasureFailure as failure:
        measured = failure
    report = check_data(project, workspace, measured)
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
