"""The ``kpi`` command: thin verbs over the pipeline stages (load → validate → measure → check → build)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

LANGS = click.Choice(["ja", "en"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpi")
def main() -> None:
    """Lead-nurturing KPIs as code / リードナーチャリングKPIをコードで管理する."""


@main.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text")
@click.option("--lang", type=LANGS, default="ja", help="Message language (default: Japanese).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--data", "with_data", is_flag=True, help="Also run the data-quality checks on the data.")
def check(project_dir: Path, output_format: str, lang: str, strict: bool, with_data: bool) -> None:
    """Validate every definition; exit 1 on any error (file:line:col, what is wrong, how to fix it)."""
    from .commands.check import run_check

    sys.exit(run_check(project_dir, output_format, lang, strict, with_data))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"))
def schema(out: Path) -> None:
    """Write a JSON Schema for every definition file kind."""
    from .commands.schema import run_schema

    sys.exit(run_schema(out))


@main.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.option("--lang", type=LANGS, default="ja")
def build(project_dir: Path, site_dir: Path, lang: str) -> None:
    """Measure, check and build the site into a temporary folder, then swap it into place."""
    from .commands.build import run_build

    sys.exit(run_build(project_dir, site_dir, lang))


@main.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--port", type=int, default=8000)
def serve(project_dir: Path, port: int) -> None:
    """Serve the site with live reload when any YAML or data file changes."""
    from .commands.build import run_serve

    sys.exit(run_serve(project_dir, port))


@main.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--scale", type=float, default=1.0, help="1 = 20,000 leads / 1M activities; 100 for benchmarks."
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--seed", type=int, default=20260401)
@click.option("--force", is_flag=True, help="Regenerate even when the files exist.")
def data(project_dir: Path, scale: float, out: Path | None, seed: int, force: bool) -> None:
    """Generate the deterministic sample MA/SFA data as Parquet."""
    from .commands.data import run_data

    sys.exit(run_data(project_dir, scale, out, seed, force))


@main.command()
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def measure(project_dir: Path, data_dir: Path | None, output_format: str) -> None:
    """Measure every KPI from the data and print the latest values."""
    from .commands.measure import run_measure

    sys.exit(run_measure(project_dir, data_dir, output_format))
