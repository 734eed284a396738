"""Benchmark (not a test): wall time of the data-quality checks on the sample.

    .venv/bin/python bench/bench_checks.py [--data-dir data] [--scale 1] [--repeat 3]

Without ``--data-dir`` it uses ``<project>/data`` when the sample is there, else generates the sample
(seeded, deterministic) into a temporary folder. Prints one row per phase — the GX import (once), the
table checks (DuckDB summaries, then GX), measuring (the engine, for context), the KPI series checks,
and ``check_project_data`` end to end — with the best and the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.checks.gx_validation import stack, validate
from generator.checks.kpi_checks import plan_kpi_checks
from generator.checks.plan import Planned, Step
from generator.checks.runner import check_project_data
from generator.checks.table_checks import plan_table_checks
from generator.engine import DuckDbBackend, measure_project
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.project import Project

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, list[float], str]


def timed(rows: list[Row], label: str, work: Callable[[], Any], repeat: int, note: str = "") -> Any:
    seconds: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    rows.append((label, seconds, note))
    return result


def sample_dir(project: Project, requested: Path | None, scale: float, scratch: Path) -> Path:
    if requested is not None:
        return requested
    default = ROOT / "data"
    if scale == 1 and (default / "activities.parquet").is_file():
        return default
    from generator.sample.generate import generate_sample

    assert project.sources is not None
    generate_sample(project.sources.spec, scratch, scale=scale, seed=20260401)
    return scratch


def gx_shape(steps: list[Step]) -> str:
    """How many results, and how many GX batches and expectations they become once stacked."""
    planned = stack([step for step in steps if isinstance(step, Planned)])
    expectations = {(p.frame_key, p.expectation_type, str(sorted(p.kwargs.items()))) for p in planned}
    batches = {p.frame_key for p in planned}
    return f"{len(steps)} results → {len(batches)} GX batches, {len(expectations)} expectations"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project = load_catalogue(DirectoryTree(ROOT)).project
    sources = project.sources
    assert sources is not None
    as_of = project.check_date()
    rows: list[Row] = []
    repeat: int = args.repeat
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as scratch:
        data_dir = sample_dir(project, args.data_dir, args.scale, Path(scratch))
        timed(rows, "import great_expectations", lambda: __import__("great_expectations"), 1)
        backend = DuckDbBackend()
        table_steps = timed(
            rows,
            "table checks: DuckDB summaries",
            lambda: plan_table_checks(sources, backend, data_dir, as_of),
            repeat,
        )
        backend.close()
        table_planned = [step for step in table_steps if isinstance(step, Planned)]
        timed(
            rows,
            "table checks: GX validation",
            lambda: validate(table_planned),
            repeat,
            gx_shape(table_steps),
        )
        measurements = timed(
            rows, "measure_project (engine)", lambda: measure_project(project, data_dir), repeat
        )
        kpi_steps = timed(
            rows, "KPI checks: frames", lambda: plan_kpi_checks(project, measurements, as_of), repeat
        )
        kpi_planned = [step for step in kpi_steps if isinstance(step, Planned)]
        timed(rows, "KPI checks: GX validation", lambda: validate(kpi_planned), repeat, gx_shape(kpi_steps))
        report = timed(
            rows, "check_project_data (end to end)", lambda: check_project_data(ROOT, data_dir), repeat
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    width = max(len(label) for label, _, _ in rows)
    out = sys.stdout
    out.write(f"data: {data_dir}  as of {as_of}  runs: {repeat}  peak RSS {peak_mb:.0f} MB\n")
    out.write(f"{'phase':<{width}}  {'best s':>7}  {'median s':>8}  notes\n")
    for label, seconds, note in rows:
        out.write(f"{label:<{width}}  {min(seconds):7.2f}  {statistics.median(seconds):8.2f}  {note}\n")
    out.write(f"end-to-end report: {len(report.results)} results, {len(report.failed)} failed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
