"""``kpi measure``: measure every KPI from the data and print each one's latest value (table or JSON)."""

from __future__ import annotations

import json
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from rich.console import Console
from rich.table import Table

from ..measures.registry import maturity_days
from ..model.kpi import Kpi
from ..model.measurement import MeasurementSet
from ..model.project import Project
from ..model.readings import PHASE_LABELS, KpiReadings, Phase
from ..pipeline import MeasureFailure, Workspace, load, measure, require_valid, validate
from ..render.formatting import GRAIN_LABELS, format_kpi_value
from ..site.errors import BuildFailure
from .check import project_prefix

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run_measure(workspace: Workspace, output_format: str) -> int:
    """Validate the definitions (refused as ``kpi check`` would), measure, print; return the exit code."""
    lang = workspace.lang
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    validated = validate(load(workspace), project_prefix(workspace.project_dir))
    try:
        project = require_valid(validated, lang)
        with _progress(errors) as status:
            result = measure(project, workspace, progress=status)
    except MeasureFailure as failure:
        errors.print("\n".join(failure.lines), markup=False)
        errors.print(
            _text(lang, "データを直してから、もう一度実行してください", "fix the data and run again"),
            markup=False,
        )
        return EXIT_PROBLEMS
    except BuildFailure as failure:  # invalid definitions: the same lines as kpi check
        errors.print("\n".join(failure.lines), markup=False)
        return EXIT_PROBLEMS
    # Piped output (CI logs, files) gets a wide table instead of the 80-column default.
    out = Console(
        highlight=False, soft_wrap=output_format == "json", width=None if sys.stdout.isatty() else 160
    )
    if output_format == "json":
        out.print(json.dumps(as_json(result, project), ensure_ascii=False, indent=2), markup=False)
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
        phase = _phase(loaded.spec, project, result)
        table.add_row(
            kpi_id,
            name,
            GRAIN_LABELS.get(measured.grain, measured.grain),
            latest.period if phase == "complete" else f"{latest.period}({PHASE_LABELS[phase]})",
            format_kpi_value(loaded.spec, latest.value),
            parts,
        )
    return table


def _phase(kpi: Kpi, project: Project, result: MeasurementSet) -> Phase:
    """Whether the latest period is complete, still running (途中) or a cohort still converting (成熟中)."""
    measured = result.kpis[kpi.id]
    if not measured.series:
        return "complete"
    days = maturity_days(kpi, {loaded.spec.id: loaded.spec for loaded in project.kpis})
    return KpiReadings.of(measured, result.as_of, days).series[-1].phase


def as_json(result: MeasurementSet, project: Project) -> dict[str, Any]:
    """The latest point of every KPI, plus as-of and the data fingerprint (aggregates only); ``phase``
    says whether that period is complete, partial (still running) or maturing (a cohort converting)."""
    kpis = []
    for kpi_id, measured in sorted(result.kpis.items()):
        latest = measured.latest
        loaded = project.kpi(kpi_id)
        kpis.append(
            {
                "id": kpi_id,
                "grain": measured.grain,
                "period": latest.period if latest else None,
                "phase": _phase(loaded.spec, project, result) if latest and loaded else None,
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
