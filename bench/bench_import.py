"""Benchmark (not a test): ``kpi import`` of a generated 1,000,000-row HubSpot contacts export.

    .venv/bin/python bench/bench_import.py [--rows 1000000] [--encoding utf-8|cp932] [--keep DIR]

Writes a contacts CSV with HubSpot's default column names (fake values, vectorised with numpy and
written by pyarrow; about 1 row in 1,000 has a source no mapping knows, 1 in 2,000 an unreadable date,
so rejection is on the measured path), then runs ``kpi import --preset hubspot-contacts`` once as a
fresh process and prints its wall and CPU time, rows per second and the peak RSS of the import
process (``ru_maxrss`` of the child). ``--encoding cp932`` writes the file as Excel in Japan would.

Target (issue 15): ≤ 30 s on 2 cores for 1,000,000 rows.
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

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 30.0
SOURCES = np.array(
    ["Organic Search", "Paid Search", "Email Marketing", "Referrals", "Direct Traffic", "Offline Sources"]
)
STAGES = np.array(["Lead", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity", "Customer"])
INDUSTRIES = np.array(["Machinery", "Banking", "Retail", "Computer Software", "Construction", "Printing"])


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def contacts(rows: int, seed: int = 15) -> pa.Table:
    """A contacts export: ids, dates a few days apart for each lifecycle step, sources, stages."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-04-01T00:00")
    created = start + rng.integers(0, 540 * 24 * 60, rows).astype("timedelta64[m]")
    step = [
        created + rng.integers(60, 20 * 24 * 60, rows).astype("timedelta64[m]") * (k + 1) for k in range(4)
    ]
    stage = rng.integers(0, len(STAGES), rows)

    def when(values: np.ndarray, reached: np.ndarray) -> pa.Array:
        text = np.datetime_as_string(values, unit="m").astype(object)
        text = np.char.replace(text.astype(str), "T", " ").astype(object)
        text[~reached] = None
        return pa.array(text, type=pa.string())

    source = SOURCES[rng.integers(0, len(SOURCES), rows)].astype(object)
    source[rng.random(rows) < 0.001] = "Carrier Pigeon"
    created_text = np.char.replace(np.datetime_as_string(created, unit="m"), "T", " ").astype(object)
    created_text[rng.random(rows) < 0.0005] = "not a date"
    ids = np.arange(1, rows + 1)
    return pa.table(
        {
            "Record ID": pa.array(ids.astype(str)),
            "First Name": pa.array(np.full(rows, "Taro")),
            "Last Name": pa.array(np.full(rows, "Yamada")),
            "Email": pa.array(np.char.add(ids.astype(str), "@example.com")),
            "Create Date": pa.array(created_text, type=pa.string()),
            "Lifecycle Stage": pa.array(STAGES[stage]),
            "Lead Status": pa.array(np.full(rows, "New")),
            "Original Source": pa.array(source, type=pa.string()),
            "Industry": pa.array(INDUSTRIES[rng.integers(0, len(INDUSTRIES), rows)]),
            "Became a Marketing Qualified Lead Date": when(step[0], stage >= 1),
            "Became a Sales Qualified Lead Date": when(step[1], stage >= 2),
            "Became an Opportunity Date": when(step[2], stage >= 3),
            "Became a Customer Date": when(step[3], stage >= 4),
            "Contact Fit Score": pa.array(rng.integers(0, 100, rows)),
        }
    )


def write_export(path: Path, rows: int, encoding: str) -> None:
    table = contacts(rows)
    if encoding == "utf-8":
        pacsv.write_csv(table, path)
        return
    utf8 = path.with_suffix(".utf8.csv")
    pacsv.write_csv(table, utf8)
    path.write_bytes(utf8.read_text(encoding="utf-8").encode(encoding))
    utf8.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--encoding", choices=["utf-8", "cp932"], default="utf-8")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the export and the tables here.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        export = folder / "contacts.csv"
        began = time.perf_counter()
        write_export(export, options.rows, options.encoding)
        say(
            f"export: {options.rows:,} rows, {export.stat().st_size / 1e6:.0f} MB ({options.encoding}),"
            f" written in {time.perf_counter() - began:.1f} s"
        )
        command = [
            sys.executable, "-m", "generator", "import", "--project", str(ROOT),
            "--data-dir", str(folder / "data"), "--preset", "hubspot-contacts", str(export),
        ]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            say(done.stdout + done.stderr)
            return 1
        report = json.loads((folder / "data" / "import-report-hubspot-contacts.json").read_text("utf-8"))
        leads = report["tables"][0]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        say(
            f"import: {wall:.1f} s wall, {cpu:.1f} s CPU, {options.rows / wall:,.0f} rows/s,"
            f" peak RSS {after.ru_maxrss / 1024:.0f} MiB"
        )
        say(
            f"  written {leads['rows_written']:,}, rejected {leads['rows_rejected']:,}"
            f" {leads['rejected_by_reason']}"
        )
        verdict = "met" if wall <= TARGET_SECONDS else "MISSED"
        say(f"target ≤ {TARGET_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
