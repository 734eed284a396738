"""Benchmark (not a test): wall time, peak memory and file sizes of the sample-data generator.

    .venv/bin/python bench/bench_sample_data.py                # scale 1 (20,000 leads, ~1.1M activities)
    .venv/bin/python bench/bench_sample_data.py --with-100     # and scale 100 (2M leads, ~115M activities)
    .venv/bin/python bench/bench_sample_data.py --scale 0.05 --scale 1 --keep /tmp/samples

Each scale runs in a fresh child process, so its peak RSS is its own. The output goes to a temporary folder
(deleted afterwards) unless ``--keep`` names one. With ``--rates`` the key funnel and email
rates of the run nearest scale 1 are printed too (DuckDB over the files), to eyeball the sample's realism.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
SEED = 20260401


def _child(scale: float, out: Path) -> None:
    """Generate one sample and print one JSON line: seconds, peak RSS, rows and bytes per table."""
    sys.path.insert(0, str(REPO))
    from generator.loading.catalogue import load_catalogue
    from generator.loading.source_tree import DirectoryTree
    from generator.sample import generate_sample

    sources = load_catalogue(DirectoryTree(REPO)).project.sources
    assert sources is not None, "definitions/sources.yml did not load"
    started = time.perf_counter()
    result = generate_sample(sources.spec, out, scale=scale, seed=SEED)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sizes = {table: path.stat().st_size for table, path in result.files.items()}
    report = {"scale": scale, "seconds": seconds, "peak_mb": peak_mb, "rows": result.rows, "bytes": sizes}
    sys.stdout.write(json.dumps(report) + "\n")


def _run(scale: float, out: Path) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", str(scale), str(out)]
    finished = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def _table(results: list[dict[str, object]]) -> Table:
    table = Table(title=f"kpi data — sample generator (seed {SEED})")
    for name in ("scale", "wall s", "peak RSS MB", "leads", "activities", "handoffs", "deals", "MB on disk"):
        table.add_column(name, justify="right")
    for r in results:
        rows: dict[str, int] = r["rows"]  # type: ignore[assignment]
        sizes: dict[str, int] = r["bytes"]  # type: ignore[assignment]
        table.add_row(
            f"{r['scale']:g}",
            f"{r['seconds']:.1f}",
            f"{r['peak_mb']:.0f}",
            f"{rows['leads']:,}",
            f"{rows['activities']:,}",
            f"{rows['handoffs']:,}",
            f"{rows['deals']:,}",
            f"{sum(sizes.values()) / 1e6:.1f}",
        )
    return table


def _files(results: list[dict[str, object]]) -> Table:
    table = Table(title="file sizes (MB)")
    table.add_column("table")
    for r in results:
        table.add_column(f"scale {r['scale']:g}", justify="right")
    names = sorted(results[0]["bytes"])  # type: ignore[call-overload]
    for name in names:
        table.add_row(name, *(f"{r['bytes'][name] / 1e6:.2f}" for r in results))  # type: ignore[index]
    return table


RATES_SQL = """
with l as (select * from read_parquet('{d}/leads.parquet')),
     a as (select type, count(*) n from read_parquet('{d}/activities.parquet') group by 1),
     o as (select count(*) filter (where is_machine_open) m, count(*) t
           from read_parquet('{d}/activities.parquet') where type = 'email_open'),
     d as (select * from read_parquet('{d}/deals.parquet')),
     c as (select sum(amount_yen) spend from read_parquet('{d}/costs.parquet'))
select
  (select count(mql_at) / count(*) from l) as lead_to_mql,
  (select count(sql_at) / count(mql_at) from l) as mql_to_sql,
  (select count(won_at) / count(sql_at) from l) as sql_to_won,
  (select n from a where type = 'email_bounce') / (select n from a where type = 'email_sent') as bounce,
  (select n from a where type = 'email_unsubscribe') / (select n from a where type = 'email_delivered')
    as unsub,
  (select n from a where type = 'email_click') / (select n from a where type = 'email_delivered') as clicks,
  (select m / t from o) as machine_open_share,
  (select n from a where type = 'webinar_attend') / (select n from a where type = 'webinar_register')
    as attend,
  (select median(amount_yen) from d) as deal_median_yen,
  (select spend from c) / (select count(*) from l) as cpl_yen,
  ((select sum(gross_profit_yen) from d where is_won) - (select spend from c)) / (select spend from c) * 100
    as roi_percent
"""


def _rates(folder: Path) -> Table:
    import duckdb

    connection = duckdb.connect()
    cursor = connection.execute(RATES_SQL.format(d=folder))
    values = cursor.fetchone()
    names = [column[0] for column in cursor.description or []]
    connection.close()
    assert values is not None
    table = Table(title=f"key rates ({folder.name})")
    table.add_column("rate")
    table.add_column("value", justify="right")
    for name, value in zip(names, values, strict=True):
        table.add_row(name, f"{value:,.4f}" if abs(value) < 10 else f"{value:,.0f}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, action="append", help="scale to run (repeatable; default 1)")
    parser.add_argument(
        "--with-100", action="store_true", help="also run scale 100 (about 3 minutes, 0.5 GB)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="write the samples here and keep them")
    parser.add_argument("--rates", action="store_true", help="print key rates of the smallest run")
    parser.add_argument("--child", nargs=2, metavar=("SCALE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(float(args.child[0]), Path(args.child[1]))
        return
    scales = sorted(set((args.scale or [1.0]) + ([100.0] if args.with_100 else [])))
    console = Console(width=120)
    with tempfile.TemporaryDirectory(prefix="kpi_sample_bench_") as scratch:
        root = args.keep or Path(scratch)
        results = []
        for scale in scales:
            console.print(f"generating scale {scale:g} …")
            results.append(_run(scale, root / f"scale_{scale:g}"))
        console.print(_table(results))
        console.print(_files(results))
        if args.rates:
            nearest_one = min(scales, key=lambda scale: abs(math.log(scale)))
            console.print(_rates(root / f"scale_{nearest_one:g}"))


if __name__ == "__main__":
    main()
