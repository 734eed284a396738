"""Benchmark (not a test): the whole catalogue on DuckDB and on Spark local mode, same data, same run.

    .venv/bin/python bench/bench_spark.py [--scale 10] [--data-dir DIR] [--master local[2]]

Each engine measures in a fresh process (imports included); the table gives wall time, CPU seconds of
the process and the JVM it started (read from /proc: pyspark never waits for it), and the peak memory
of the largest of them (RUSAGE_CHILDREN keeps the largest so far: Spark's is at least DuckDB's). Spark's
time is split into JVM start (the session), planning (``spark.sql``: parsing and analysis, which run
eagerly) and execution (``toPandas``: optimisation, the jobs, the transfer). Then the two results are
compared: the point is that Spark runs and its numbers are DuckDB's; there is no target for its speed.
Data: ``--data-dir``, else the seeded sample at ``--scale`` generated into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, sys, time
from pathlib import Path
from generator.engine import measure_project
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree

engine, data, master = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
project = load_catalogue(DirectoryTree(Path(sys.argv[4]))).project
split = {"jvm_start": 0.0, "planning": 0.0, "execution": 0.0}
backend = None
if engine == "spark":
    from generator.engine.spark_backend import SparkBackend

    class TimedSpark(SparkBackend):
        def fetch(self, query):
            started = time.perf_counter()
            planned = self._session.sql(self._sql(query))
            split["planning"] += time.perf_counter() - started
            started = time.perf_counter()
            frame = planned.toPandas()
            split["execution"] += time.perf_counter() - started
            return frame

    started = time.perf_counter()
    backend = TimedSpark(master=master)
    split["jvm_start"] = time.perf_counter() - started
result = measure_project(project, data, backend=backend)
values = {
    f"{kpi_id}.{p.period}": p.value for kpi_id, m in result.kpis.items() for p in m.series
}
values.update({f"tree.{n.kpi_id}": n.actual for n in result.tree})
# The JVM is pyspark's child and never waited for: its CPU and peak memory are read from /proc.
import os
jvm_cpu, jvm_peak = 0.0, 0
for child in Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split():
    fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
    jvm_cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for line in Path(f"/proc/{child}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            jvm_peak = max(jvm_peak, int(line.split()[1]) // 1024)
split["jvm_cpu"], split["jvm_peak_mib"] = jvm_cpu, float(jvm_peak)
print(json.dumps(
    {"split": split, "values": values, "slas": repr(result.slas), "funnel": repr(result.funnel)}
))
"""


def run(engine: str, data: Path, master: str) -> tuple[dict[str, object], float, float, float]:
    """The worker's output, wall seconds, CPU seconds (with its children) and peak RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WORKER, engine, str(data), master, str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return output, wall, cpu, after.ru_maxrss / 1024


def sample(scale: float, folder: Path) -> Path:
    from generator.loading.catalogue import load_catalogue
    from generator.loading.source_tree import DirectoryTree
    from generator.sample import generate_sample

    sources = load_catalogue(DirectoryTree(ROOT)).project.sources
    assert sources is not None
    generate_sample(sources.spec, folder, scale=scale, seed=20260401)
    return folder


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)
    return a == b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpi-bench-spark-") as folder:
        data = args.data_dir or sample(args.scale, Path(folder))
        results = {engine: run(engine, data, args.master) for engine in ("duckdb", "spark")}
    print(f"data: {data} (scale {args.scale if args.data_dir is None else 'as given'})")  # noqa: T201
    print(f"{'engine':8} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}  Spark: JVM start / planning / execution")  # noqa: T201
    for engine, (output, wall, cpu, peak) in results.items():
        split = output["split"]
        assert isinstance(split, dict)
        cpu, peak = cpu + split["jvm_cpu"], max(peak, split["jvm_peak_mib"])
        detail = " / ".join(f"{split[k]:.1f} s" for k in ("jvm_start", "planning", "execution"))
        print(f"{engine:8} {wall:8.1f} {cpu:8.1f} {peak:9.0f}  {detail if engine == 'spark' else ''}")  # noqa: T201
    duck, spark = results["duckdb"][0], results["spark"][0]
    duck_values, spark_values = duck["values"], spark["values"]
    assert isinstance(duck_values, dict) and isinstance(spark_values, dict)
    different = [k for k in duck_values if not same(duck_values[k], spark_values.get(k))]
    agree = not different and duck["slas"] == spark["slas"] and duck["funnel"] == spark["funnel"]
    print(f"values: {len(duck_values)} compared, {'identical' if agree else f'{len(different)} differ'}")  # noqa: T201
    if not agree:
        print("  e.g.", [(k, duck_values[k], spark_values.get(k)) for k in different[:5]])  # noqa: T201
        sys.exit(1)


if __name__ == "__main__":
    main()
