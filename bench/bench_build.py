"""Benchmark (not a test): ``kpi build`` end to end on the full sample, cold and after editing one KPI.

    .venv/bin/python bench/bench_build.py [--data-dir data] [--repeat 1] [--site-engine mkdocs zensical]

Every scenario runs once per site engine (MkDocs + Material, Zensical), and the two tables print side
by side: the stages before the site builder are the same code, so the difference is the builder's.

Builds a copy of the shipped project (catalogue, site_src, site_theme, mkdocs.yml) in a temporary folder,
with the sample data from ``--data-dir`` (default ``<repo>/data`` when present, else generated, seeded). Each
scenario runs ``kpi build`` as a fresh process (imports included), and prints wall and CPU time:

- first on this machine: no ``.cache``, no ``site/`` and an empty per-user cache (``KPI_MACHINE_CACHE``:
  the Vega bundle, ~2 s, and the theme's compiled templates, made once per installed version);
- cold: no ``.cache`` and no ``site/`` (a fresh clone) — measure, data checks, every chart SVG, MkDocs;
- unchanged: everything again with the cache warm;
- edit description / thresholds: measurements and checks reused, that KPI's chart redrawn;
- edit formula: the conversion window of one KPI changed — the catalogue is measured again (one pass
  over the data serves every KPI) and the data checks run again.

Targets (issue 4): cold ≤ 15 s on 2 cores, rebuild after editing one KPI ≤ 3 s.

A shared VM's speed drifts (the same build has taken 12 s and 18 s an hour apart, CPU seconds
included), so the table is framed by a fixed reference workload timed before and after: compare runs
only when it took about as long.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KPI = "metrics/mql_to_sql_rate.yml"
PROJECT_PARTS = ("metrics", "definitions", "site_src", "site_theme", "mkdocs.yml", "kpi.yml")
KPI_COMMAND = str(Path(sys.executable).parent / "kpi")  # the console script, as users run it
STAGE_LINE = re.compile(r"^INFO - (.+?): (\d+\.\d) 秒$")


def copy_project(target: Path, data_dir: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(data_dir, target / "data")
    return target


def sample_data(requested: Path | None, scratch: Path) -> Path:
    if requested is not None:
        return requested
    if all((ROOT / "data" / f"{t}.parquet").is_file() for t in ("leads", "activities", "deals")):
        return ROOT / "data"
    out = scratch / "sample"
    subprocess.run([KPI_COMMAND, "data", "--project", str(ROOT), "--out", str(out)], check=True)
    return out


def kpi_build(project: Path, machine_cache: Path, engine: str) -> tuple[float, float, dict[str, float]]:
    """Run ``kpi build`` in a new process; wall seconds, CPU seconds (children), and stage timings."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    site = ["--site-dir", str(project / "site"), "--site-engine", engine]
    done = subprocess.run(
        [KPI_COMMAND, "build", "--project", str(project), *site],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KPI_MACHINE_CACHE": str(machine_cache)},
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"kpi build failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stages = {m.group(1): float(m.group(2)) for m in map(STAGE_LINE.match, done.stderr.splitlines()) if m}
    stages["site builder"] = stages.pop(f"サイト生成({engine})", 0.0)
    return wall, cpu, stages


def reference_workload() -> float:
    """Seconds for a fixed single-core job (hashing and a Python loop): how fast this machine is now."""
    start = time.perf_counter()
    digest = hashlib.sha256()
    block = bytes(range(256)) * 4096
    for _ in range(200):
        digest.update(block)
    total = 0
    for number in range(3_000_000):
        total += number % 7
    return time.perf_counter() - start


def edit(project: Path, old: str, new: str) -> None:
    path = project / KPI
    text = path.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"{KPI}: '{old}' not found — update the bench's edit")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


Rows = list[tuple[str, list[tuple[float, float, dict[str, float]]]]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each scenario (median shown)")
    parser.add_argument(
        "--site-engine", nargs="+", default=["mkdocs", "zensical"], choices=["mkdocs", "zensical"]
    )
    args = parser.parse_args()
    tables: dict[str, Rows] = {engine: [] for engine in args.site_engine}
    reference_before = reference_workload()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch_name:
        scratch = Path(scratch_name)
        data = sample_data(args.data_dir, scratch)
        for run in range(args.repeat):
            for engine in args.site_engine:  # alternating, so drift hits both engines alike
                add(tables[engine], scenarios(scratch / f"{engine}-{run}", data, engine, run))
    for engine, rows in tables.items():
        print_table(engine, rows, os.cpu_count() or 1)
    print(  # noqa: T201
        f"reference workload: {reference_before:.2f} s before, {reference_workload():.2f} s after"
        " (machine speed: compare runs only when these are alike)"
    )


def scenarios(
    scratch: Path, data: Path, engine: str, run: int
) -> list[tuple[str, tuple[float, float, dict[str, float]]]]:
    machine = scratch / "machine"
    first = copy_project(scratch / "first", data)
    results = [("first build on this machine", kpi_build(first, machine, engine))]
    project = copy_project(scratch / "project", data)
    results.append(("cold (no cache, no site)", kpi_build(project, machine, engine)))
    results.append(("unchanged rebuild", kpi_build(project, machine, engine)))
    edit(project, "共通言語の中心となる指標。", f"共通言語の中心となる指標({run})。")
    results.append(("edit one KPI: description", kpi_build(project, machine, engine)))
    edit(project, "at_risk: 0.15}", "at_risk: 0.16}")
    results.append(("edit one KPI: thresholds", kpi_build(project, machine, engine)))
    edit(project, "window_days: 90", "window_days: 60")
    results.append(("edit one KPI: formula", kpi_build(project, machine, engine)))
    return results


def add(rows: Rows, results: list[tuple[str, tuple[float, float, dict[str, float]]]]) -> None:
    for name, result in results:
        existing = next((r for r in rows if r[0] == name), None)
        if existing is None:
            rows.append((name, [result]))
        else:
            existing[1].append(result)


def print_table(engine: str, rows: Rows, cores: int) -> None:
    print(  # noqa: T201
        f"\nkpi build --site-engine {engine} on the full sample"
        f" ({cores} cores; median of {len(rows[0][1])} run(s))"
    )
    stage_names = ["計測", "データチェック", "ページ生成", "site builder", "グラフ(SVG)の描画待ち"]
    header = f"{'scenario':<30} {'wall s':>7} {'cpu s':>7}  " + "  ".join(f"{s[:6]:>8}" for s in stage_names)
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    for name, results in rows:
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        stages = [statistics.median(r[2].get(s, 0.0) for r in results) for s in stage_names]
        cells = "  ".join(f"{v:>8.1f}" for v in stages)
        print(f"{name:<30} {wall:>7.1f} {cpu:>7.1f}  {cells}")  # noqa: T201
    print("stages: 計測 = measure, データチェック = data checks, ページ生成 = pages written as files,")  # noqa: T201
    print("        site = the builder (MkDocs or Zensical), グラフ = waiting for chart SVGs;")  # noqa: T201
    print("        targets: cold ≤ 15 s, edit one KPI ≤ 3 s")  # noqa: T201


if __name__ == "__main__":
    main()
