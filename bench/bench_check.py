"""Benchmark (not a test): how long ``kpi check`` takes, on the shipped catalogue and on corrupted copies.

    .venv/bin/python bench/bench_check.py [--project .] [--repeat 5]

Each row runs ``python -m generator check`` as a fresh process (what a person or CI pays) ``--repeat``
times and reports the median and best wall time, the median CPU time (user + system, less sensitive to
other load on the machine), the exit code and the number of errors. A last table splits one in-process
run of the shipped catalogue into its stages (import, load, rules).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = "metrics/mql_to_sql_rate.yml"


def _append(text: bytes) -> Callable[[Path], None]:
    def corrupt(project: Path) -> None:
        path = project / TARGET
        path.write_bytes(path.read_bytes() + text)

    return corrupt


def _replace_with(text: bytes) -> Callable[[Path], None]:
    def corrupt(project: Path) -> None:
        (project / TARGET).write_bytes(text)

    return corrupt


def _remove_checks(project: Path) -> None:
    lines = (project / TARGET).read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, text in enumerate(lines) if text.startswith("checks:"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "-"))), len(lines))
    (project / TARGET).write_text("".join(lines[:start] + lines[end:]), "utf-8")


CORRUPTIONS: dict[str, Callable[[Path], None] | None] = {
    "shipped catalogue": None,
    "syntax error": _append("rationale_note: 逆算: SQL 100件\n".encode()),
    "duplicate key": _append("name: もう一つの名前\n".encode()),
    "alias": _append(b"copy_a: &c {x: 1}\ncopy_b: *c\n"),
    "!!python/object tag": _append(b"hook: !!python/object/apply:os.system [echo hacked]\n"),
    "empty file": _replace_with(b""),
    "non-UTF-8 bytes": _append(b"note: " + "日本語".encode("shift_jis") + b"\n"),
    "list instead of mapping": _replace_with(b"- id: mql_to_sql_rate\n"),
    "KPI checks removed": _remove_checks,
}


def run_once(project: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, exit code and error count of one ``kpi check`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--project", str(project), "--format", "json"],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    errors = json.loads(done.stdout)["error_count"] if done.stdout.startswith("{") else -1
    return wall, cpu, done.returncode, errors


def stages(project: Path) -> list[tuple[str, float]]:
    """One in-process run split into import, load and rules (imports measured in a fresh process)."""
    code = (
        "import time; t = time.perf_counter();import generator.commands.check;print(time.perf_counter() - t)"
    )
    imported = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
    from generator.loading.catalogue import load_catalogue
    from generator.loading.source_tree import DirectoryTree
    from generator.rules import run_rules

    load_catalogue(DirectoryTree(project))  # warm up lazily loaded parsers
    start = time.perf_counter()
    loaded = load_catalogue(DirectoryTree(project))
    middle = time.perf_counter()
    run_rules(loaded.project)
    end = time.perf_counter()
    return [("import (fresh process)", imported), ("load + schema", middle - start), ("rules", end - middle)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, corrupt in CORRUPTIONS.items():
            project = Path(scratch) / label.replace(" ", "_").replace("/", "_")
            for folder in ("metrics", "definitions"):
                shutil.copytree(options.project / folder, project / folder)
            if corrupt is not None:
                corrupt(project)
            runs = [run_once(project) for _ in range(options.repeat)]
            walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
            code, errors = runs[0][2], runs[0][3]
            rows.append((label, statistics.median(walls), min(walls), statistics.median(cpus), code, errors))
        split = stages(Path(scratch) / "shipped_catalogue")
    out = [f"kpi check, {options.repeat} runs each (python {sys.version.split()[0]})"]
    out.append(f"{'case':<26} {'median s':>9} {'best s':>7} {'cpu s':>6} {'exit':>5} {'errors':>7}")
    for label, median, best, cpu, code, errors in rows:
        out.append(f"{label:<26} {median:9.3f} {best:7.3f} {cpu:6.3f} {code:5d} {errors:7d}")
    out += ["", f"{'stage (shipped catalogue)':<26} {'s':>9}"]
    out += [f"{label:<26} {seconds:9.3f}" for label, seconds in split]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
