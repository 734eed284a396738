"""Benchmark (not a test): wall time of the data-quality checks on the sample.

    .venv/bin/python bench/bench_checks.py [--data-dir data] [--scale 1] [--repeat 3]

Without ``--data-dir`` it uses ``<project>/data`` when the sample is there, else generates the sample
(seeded, deterministic) into a temporary folder. Prints one row per phase: the GX import, the table
checks (DuckDB summaries, then GX), measuring (the engine, for context), the KPI series checks, and
``check_project_data`` end to end.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.checks.gx_validation import validate
from generator.checks.kpi_checks import plan_kpi_checks
from generator.checks.plan import Planned, Step
from generator.checks.runner import check_date, check_project_data
from generator.checks.table_checks import plan_table_checks
from generator.engine import DuckDbBackend, measure_project
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.project import Project

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def timed(rows: list[tuple[str, float, str]], label: str, work: Callable[[], T], note: str = "") -> T:
    start = time.perf_counter()
    result = work()
    rows.append((label, time.perf_counter() - start, note))
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


def planned(steps: list[Step]) -> list[Planned]:
    return [step for step in steps if isinstance(step, Planned)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    project = load_catalogue(DirectoryTree(ROOT)).project
    assert project.sources is not None
    as_of = check_date(project)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as scratch:
        data_dir = sample_dir(project, args.data_dir, args.scale, Path(scratch))
        timed(rows, "import great_expectations", lambda: __import__("great_expectations"))

        backend, sources = DuckDbBackend(), project.sources
        table_steps = timed(
            rows,
            "table checks: DuckDB summaries",
            lambda: plan_table_checks(sources, backend, data_dir, as_of),
        )
        backend.close()
        table_planned = planned(table_steps)
        frame_rows = sum(len(frame) for frame in {p.frame_key: p.frame for p in table_planned}.values())
        timed(
            rows,
            "table checks: GX validation",
            lambda: validate(table_planned),
            f"{len(table_steps)} results, {len(table_planned)} expectations, {frame_rows} frame rows",
        )
        measurements = timed(rows, "measure_project (engine)", lambda: measure_project(project, data_dir))
        kpi_steps = timed(rows, "KPI checks: frames", lambda: plan_kpi_checks(project, measurements, as_of))
        kpi_planned = planned(kpi_steps)
        timed(
            rows,
            "KPI checks: GX validation",
            lambda: validate(kpi_planned),
            f"{len(kpi_steps)} results for {len(project.kpis)} KPIs",
        )
        report = timed(rows, "check_project_data (end to end)", lambda: check_project_data(ROOT, data_dir))
        rows.append(("", 0.0, f"{len(report.results)} results, {len(report.failed)} failed"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    width = max(len(label) for label, _, _ in rows)
    sys.stdout.write(f"data: {data_dir}  as of {as_of}  peak RSS {peak_mb:.0f} MB\n")
    sys.stdout.write(f"{'phase':<{width}}  {'seconds':>8}  notes\n")
    for label, seconds, note in rows:
        shown = f"{seconds:8.2f}" if label else " " * 8
        sys.stdout.write(f"{label:<{width}}  {shown}  {note}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
