"""Benchmark (not a test): ``kpi diff HEAD~1`` on the sample after one changed scoring threshold.

    .venv/bin/python bench/bench_diff.py [--data-dir data] [--repeat 3]

Copies the shipped catalogue into a temporary git repository, commits it, changes the MQL threshold
60 → 70 and commits again, then runs ``kpi diff HEAD~1`` as a fresh process (imports included) on the
sample data, printing wall and CPU time for:

- cold: no ``.cache`` (a fresh CI checkout where no build ran): BASE and HEAD are both measured;
- after a build: HEAD's measurements already in the cache (CI runs ``kpi build`` first): BASE only;
- repeated: both cached (a second push with no definition change).

Target (issue 16): under 10 s on 2 cores. A shared VM's speed drifts, so a fixed reference workload
is timed before and after: compare runs only when it took about as long.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KPI = Path(sys.executable).with_name("kpi")
# What ``kpi build`` leaves in .cache/measurements: HEAD's numbers under the build's key.
BUILD_CACHE = """
import sys
from pathlib import Path
from generator.diff.measured import measurement_key
from generator.pipeline import Workspace, load, measure, require_valid, validate
workspace = Workspace(Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
project = require_valid(validate(load(workspace)), "ja")
workspace.cache.store("measurements", measurement_key(project, workspace), measure(project, workspace))
"""


def git(repo: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True)


def make_repo(target: Path) -> Path:
    for folder in ("metrics", "definitions"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "kpi.yml", target / "kpi.yml")
    git(target, "init", "-q", "-b", "main")
    git(target, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "add", "-A")
    git(target, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "base")
    sla = target / "definitions" / "sla" / "standard_sla.yml"
    sla.write_text(sla.read_text(encoding="utf-8").replace("  threshold: 60\n", "  threshold: 70\n"), "utf-8")
    git(target, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qam", "70")
    return target


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def reference_workload() -> float:
    start = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number * number % 7
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    if not (options.data_dir / "leads.parquet").exists():
        sys.exit(f"{options.data_dir}: no sample data — run `kpi data` first")
    reference = reference_workload()
    diff = [str(KPI), "diff", "HEAD~1", "--data-dir", str(options.data_dir.resolve())]
    rows: dict[str, list[tuple[float, float]]] = {"cold": [], "after a build": [], "repeated": []}
    comment = ""
    for _ in range(options.repeat):
        with tempfile.TemporaryDirectory(prefix="bench-diff-") as scratch:
            repo = make_repo(Path(scratch) / "repo")
            wall, cpu, comment = timed([*diff, "--project", str(repo)])
            rows["cold"].append((wall, cpu))
            shutil.rmtree(repo / ".cache" / "measurements")
            timed([sys.executable, "-c", BUILD_CACHE, str(repo), str(options.data_dir.resolve())])
            rows["after a build"].append(timed([*diff, "--project", str(repo)])[:2])
            rows["repeated"].append(timed([*diff, "--project", str(repo)])[:2])
    lines = [
        f"kpi diff HEAD~1 (threshold 60 → 70), {options.repeat} run(s), target < 10 s on 2 cores",
        f"{'scenario':<16}{'wall min':>10}{'wall max':>10}{'CPU min':>10}",
    ]
    for name, results in rows.items():
        walls, cpus = [r[0] for r in results], [r[1] for r in results]
        lines.append(f"{name:<16}{min(walls):>9.2f}s{max(walls):>9.2f}s{min(cpus):>9.2f}s")
    lines.append(f"reference workload: {reference:.2f} s before, {reference_workload():.2f} s after")
    print("\n".join(lines) + "\n\n--- the comment (last run) ---\n" + comment)  # noqa: T201


if __name__ == "__main__":
    main()
