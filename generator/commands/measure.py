"""``kpi measure``: measure every KPI from the data and print each one's latest value (table or JSON)."""

from __future__ import annotations

import json
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..engine import DataError, measure_project
from ..loading.catalogue import load_catalogue
from ..loading.source_tree import DirectoryTree
from ..model.issue import Severity
from ..model.measurement import MeasurementSet
from ..model.project import Project
from ..render.formatting import GRAIN_LABELS, format_kpi_value

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run_measure(project_dir: Path, data_dir: Path | None, output_format: str, lang: str = "ja") -> int:
    """Load the definitions, measure from ``data_dir`` (default: sources.yml's ``path``), print, exit code."""
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    loaded = load_catalogue(DirectoryTree(project_dir))
    broken = [issue for issue in loaded.issues if issue.severity == Severity.ERROR]
    if broken:
        for issue in broken:
            errors.print(f"{issue.location}: {issue.message(lang)}", markup=False)
        errors.print(
            _text(
                lang,
                "定義にエラーがあります — kpi check で確認してください",
                "the definitions have errors — run kpi check",
            ),
            markup=False,
        )
        return EXIT_PROBLEMS
    project = loaded.project
    folder = data_dir or project_dir / (project.sources.spec.path if project.sources else "data")
    try:
        with _progress(errors) as status:
            result = measure_project(project, folder, progress=status)
    except DataError as error:
        errors.print(error.message(lang), markup=False)
        errors.print(
            _text(lang, "データを直してから、もう一度実行してください", "fix the data and run again"),
            markup=False,
        )
        return EXIT_PROBLEMS
    # Piped output (CI logs, files) gets a wide table instead of the 80-column default.
    out = Console(
        highlight=False, soft_wrap=output_format == "json", width=None if sys.stdout.isatty() else 160
    )
    if output_format == "json":
        out.print(json.dumps(as_json(result), ensure_ascii=False, indent=2), markup=False)
    else:
        out.print(latest_table(project, result))
    return EXIT_PROBLEMS if any(m.error for m in result.kpis.values()) else EXIT_OK


def latest_table(project: Project, result: MeasurementSet) -> Table:
    """One row per KPI: its latest period, value (in its unit), numerator / denominator, or its error."""
    table = Table(title=f"KPI — as of {result.as_of.isoformat()} (data {result.data_fingerprint[:12]})")
    for header in ("KPI", "名前", "粒度", "期間", "値", "分子 / 分母"):
        table.add_column(header, justify="right" if header in ("値", "分子 / 分母") else "left")
    for kpi_id, measured in sorted(result.kpis.items()):
        loaded = project.kpi(kpi_id)
        name = loaded.spec.name if loaded else kpi_id
        latest = measured.latest
        if measured.error or latest is None or loaded is None:
            table.add_row(
                kpi_id,
                name,
                GRAIN_LABELS.get(measured.grain, measured.grain),
                "—",
                f"[red]{measured.error or '—'}[/red]",
                "",
            )
            continue
        parts = ""
        if latest.denominator is not None:
            top = "" if latest.numerator is None else f"{latest.numerator:,.0f} / "
            parts = f"{top}{latest.denominator:,.0f}"
        table.add_row(
            kpi_id,
            name,
            GRAIN_LABELS.get(measured.grain, measured.grain),
            latest.period,
            format_kpi_value(loaded.spec, latest.value),
            parts,
        )
    return table


def as_json(result: MeasurementSet) -> dict[str, Any]:
    """The latest point of every KPI, plus as-of and the data fingerprint (aggregates only)."""
    kpis = []
    for kpi_id, measured in sorted(result.kpis.items()):
        latest = measured.latest
        kpis.append(
            {
                "id": kpi_id,
                "grain": measured.grain,
                "period": latest.period if latest else None,
                "value": latest.value if latest else None,
                "numerator": latest.numerator if latest else None,
                "denominator": latest.denominator if latest else None,
                "error": measured.error,
            }
        )
    return {"as_of": result.as_of.isoformat(), "data_fingerprint": result.data_fingerprint, "kpis": kpis}


def _progress(console: Console) -> AbstractContextManager[Any]:
    """A spinner naming the current step on a terminal; silent in CI and when piped."""
    if not console.is_terminal or os.environ.get("CI"):
        return nullcontext(lambda _message: None)
    return _Spinner(console)


class _Spinner:
    def __init__(self, console: Console) -> None:
        self._status = console.status("measuring…")

    def __enter__(self) -> Any:
        self._status.__enter__()
        return lambda message: self._status.update(f"measuring… {message}")

    def __exit__(self, *exc: object) -> None:
        self._status.__exit__(None, None, None)


def _text(lang: str, ja: str, en: str) -> str:
    return ja if lang == "ja" else en


__all__ = ["as_json", "latest_table", "run_measure"]
