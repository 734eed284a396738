"""``kpi data``: write the deterministic sample MA/SFA data (Parquet) for the project's canonical tables.

The files go to ``<project>/<sources.path>`` (``data/``) unless ``--out`` says otherwise; existing files
are kept unless ``--force``. Progress shows on a terminal and stays quiet in CI. Only counts are printed,
never a row.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..loading.catalogue import SOURCES_FILE, load_catalogue
from ..loading.source_tree import DirectoryTree
from ..sample import TABLE_ORDER, SampleError, generate_sample, lead_count, table_path

EXIT_OK, EXIT_FAILED, EXIT_CANNOT_RUN = 0, 1, 2


def run_data(project_dir: Path, scale: float, out: Path | None, seed: int, force: bool) -> int:
    """Generate the sample for ``project_dir``'s sources.yml; return the exit code."""
    console = Console(highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    loaded = load_catalogue(DirectoryTree(project_dir))
    sources = loaded.project.sources
    if sources is None:
        for issue in loaded.issues:
            if issue.location.file == SOURCES_FILE:
                errors.print(f"{issue.location}: {issue.message_ja}", markup=False)
        errors.print(
            f"{SOURCES_FILE} を読めないため、サンプルを作れません — 先に kpi check で直してください",
            markup=False,
        )
        return EXIT_CANNOT_RUN
    if not scale > 0:
        errors.print(f"--scale は正の数にしてください(指定値: {scale})— 例: --scale 1", markup=False)
        return EXIT_CANNOT_RUN
    out_dir = out if out is not None else project_dir / sources.spec.path
    tables = [t.id for t in sources.spec.tables]
    if not force and all(table_path(out_dir, t).exists() for t in tables):
        console.print(f"{out_dir} にデータがあるため生成しませんでした(作り直すには --force)", markup=False)
        return EXIT_OK

    quiet = bool(os.environ.get("CI")) or not console.is_terminal
    started = time.perf_counter()
    try:
        with _progress(console, quiet) as progress:
            task = progress.add_task(f"サンプル生成 {lead_count(scale):,} リード", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = generate_sample(sources.spec, out_dir, scale=scale, seed=seed, progress=advance)
    except SampleError as error:
        errors.print(error.message_ja, markup=False)
        return EXIT_FAILED
    except OSError as error:
        errors.print(
            f"{out_dir} に書き込めません({error.strerror})— --out で書き込めるフォルダを指定してください",
            markup=False,
        )
        return EXIT_FAILED
    elapsed = time.perf_counter() - started
    console.print(_summary(result.rows, result.files, elapsed, scale, seed))
    return EXIT_OK


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    )


def _summary(rows: dict[str, int], files: dict[str, Path], elapsed: float, scale: float, seed: int) -> Table:
    table = Table(title=f"サンプルデータ / sample data (scale {scale:g}, seed {seed}, {elapsed:.1f} s)")
    table.add_column("テーブル / table")
    table.add_column("行数 / rows", justify="right")
    table.add_column("MB", justify="right")
    table.add_column("ファイル / file")
    ordered = [t for t in TABLE_ORDER if t in rows] + sorted(set(rows) - set(TABLE_ORDER))
    for table_id in ordered:
        path = files[table_id]
        table.add_row(table_id, f"{rows[table_id]:,}", f"{path.stat().st_size / 1e6:.1f}", str(path))
    return table
