"""The ``kpi`` command: thin verbs over the pipeline stages (load → validate → measure → check → build)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .engine.dialects import DIALECTS
from .model.settings import ENGINE_NAMES, SITE_ENGINE_NAMES, EngineName, SiteEngineName
from .pipeline import Workspace

LANGS = click.Choice(["ja", "en"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpi")
def main() -> None:
    """Lead-nurturing KPIs as code / リードナーチャリングKPIをコードで管理する."""


def project_option(command: Callable[..., None]) -> Callable[..., None]:
    """The options every command that reads the project and its data shares."""
    options = [
        click.option(
            "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(".")
        ),
        click.option(
            "--data-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="The tables' folder (default: sources.yml's path).",
        ),
        click.option(
            "--engine",
            type=click.Choice(ENGINE_NAMES),
            default=None,
            help="The engine that measures and checks (default: kpi.yml's, else duckdb).",
        ),
        click.option("--lang", type=LANGS, default="ja", help="Message language (default: Japanese)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def workspace(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    site_engine: SiteEngineName | None = None,
) -> Workspace:
    return Workspace(
        project_dir=project_dir.resolve(),
        data_dir=data_dir.resolve() if data_dir is not None else None,
        engine=engine,
        site_engine=site_engine,
        lang=lang,
    )


@main.command()
@project_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--data", "with_data", is_flag=True, help="Also run the data-quality checks on the data.")
def check(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    output_format: str,
    strict: bool,
    with_data: bool,
) -> None:
    """Validate every definition; exit 1 on any error (file:line:col, what is wrong, how to fix it)."""
    from .commands.check import run_check

    sys.exit(run_check(workspace(project_dir, data_dir, engine, lang), output_format, strict, with_data))


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"))
def schema(out: Path) -> None:
    """Write a JSON Schema for every definition file kind."""
    from .commands.schema import run_schema

    sys.exit(run_schema(out))


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    required=True,
    help="The imported tables (kpi import's --data-dir).",
)
@click.option(
    "--from",
    "catalogue_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The catalogue to copy (default: the shipped one).",
)
@click.option("--force", is_flag=True, help="Overwrite a folder that is not empty.")
@click.option("--lang", type=LANGS, default="ja", help="Message language (default: Japanese).")
def init(target: Path, data_dir: Path, catalogue_dir: Path | None, force: bool, lang: str) -> None:
    """Scaffold a project in TARGET from imported data: the KPIs the data can measure, the rest listed."""
    from .commands.init import run_init

    sys.exit(run_init(target, data_dir, catalogue_dir, force, lang))


@main.command()
@project_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.option(
    "--site-engine",
    type=click.Choice(SITE_ENGINE_NAMES),
    default=None,
    help="The static-site builder (default: kpi.yml's, else mkdocs).",
)
@click.option(
    "--site-url",
    envvar="KPI_SITE_URL",
    callback=lambda _ctx, _param, value: _site_url(value),
    default=None,
    help="Where this build will be served (http(s)://host[:port]/path/), for instant navigation;"
    " default: mkdocs.yml's site_url. Also KPI_SITE_URL.",
)
def build(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    site_dir: Path,
    site_engine: SiteEngineName | None,
    site_url: str | None,
) -> None:
    """Measure, check and build the site into a temporary folder, then swap it into place."""
    from .commands.build import run_build

    chosen = dataclasses.replace(
        workspace(project_dir, data_dir, engine, lang, site_engine), site_url=site_url
    )
    sys.exit(run_build(chosen, site_dir))


def _site_url(value: str | None) -> str | None:
    """An absolute http(s) address ending in a slash: the one form the sitemap and instant navigation use."""
    if value is None or value == "":
        return None
    if not re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:\d{1,5})?(/[A-Za-z0-9._~\-/]*)?", value):
        raise click.BadParameter(
            f"{value!r}: http://host[:port]/path/ の形で書いてください / write it as http://host[:port]/path/"
        )
    return value if value.endswith("/") else value + "/"


@main.command()
@project_option
@click.option("--port", type=int, default=8000)
@click.option("--site-engine", type=click.Choice(SITE_ENGINE_NAMES), default=None)
def serve(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    port: int,
    site_engine: SiteEngineName | None,
) -> None:
    """Serve the site on 127.0.0.1, rebuilt when any definition, data or page file changes."""
    from .commands.serve import run_serve

    sys.exit(run_serve(workspace(project_dir, data_dir, engine, lang, site_engine), port))


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
@project_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def measure(
    project_dir: Path, data_dir: Path | None, engine: EngineName | None, lang: str, output_format: str
) -> None:
    """Measure every KPI from the data and print the latest values."""
    from .commands.measure import run_measure

    sys.exit(run_measure(workspace(project_dir, data_dir, engine, lang), output_format))


@main.command(name="import")
@project_option
@click.argument("files", nargs=-1, required=True)
@click.option("--preset", default=None, help="A shipped mapping: hubspot-contacts, salesforce-leads, …")
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A mapping file, or the name of one in definitions/imports/.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the JSON report (default: <data>/import-report-<mapping>.json).",
)
def import_(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    files: tuple[str, ...],
    preset: str | None,
    mapping_path: Path | None,
    report_path: Path | None,
) -> None:
    """Import exports (CSV, .xlsx) into the canonical tables with a mapping; print the import report.

    FILES are the export files in the mapping's input order, or name=path.
    """
    from .commands.importing import run_import

    sys.exit(
        run_import(workspace(project_dir, data_dir, engine, lang), files, preset, mapping_path, report_path)
    )


@main.command()
@project_option
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "json", "github"]), default="markdown"
)
@click.option(
    "--fail-on", type=click.Choice(["breaking"]), default=None, help="Exit 1 on unapproved changes."
)
@click.option("--labels", default="", help="The pull request's labels, comma-separated.")
@click.option("--approved-label", default="kpi-approved", help="The label that approves breaking changes.")
@click.option("--no-impact", is_flag=True, help="Only the semantic diff; do not measure.")
def diff(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    base: str,
    head: str | None,
    output_format: str,
    fail_on: str | None,
    labels: str,
    approved_label: str,
    no_impact: bool,
) -> None:
    """What changed in the definitions between BASE and HEAD (default: the working tree), and its impact."""
    from .commands.diff import DiffOptions, run_diff

    options = DiffOptions(
        base=base,
        head=head,
        output_format=output_format,
        fail_on=fail_on,
        labels=[label for label in labels.split(",") if label.strip()],
        approved_label=approved_label,
        with_impact=not no_impact,
    )
    sys.exit(run_diff(workspace(project_dir, data_dir, engine, lang), options))


@main.command()
@project_option
def codeowners(project_dir: Path, data_dir: Path | None, engine: EngineName | None, lang: str) -> None:
    """Write .github/CODEOWNERS: each KPI and SLA file reviewed by its owners' GitHub teams."""
    from .commands.codeowners import run_codeowners

    sys.exit(run_codeowners(workspace(project_dir, data_dir, engine, lang)))


@main.command()
@project_option
@click.argument("kpi_id", metavar="[KPI]", required=False)
@click.option(
    "--dialect",
    type=click.Choice(DIALECTS),
    default=None,
    help="The SQL dialect (default: the engine's: duckdb, postgres or spark).",
)
@click.option(
    "--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Default: sources.yml's, else today."
)
def sql(
    project_dir: Path,
    data_dir: Path | None,
    engine: EngineName | None,
    lang: str,
    kpi_id: str | None,
    dialect: str | None,
    as_of: dt.datetime | None,
) -> None:
    """Print the queries the engine would run for a warehouse's dialect (all KPIs, or one)."""
    from .commands.sql import run_sql

    day = as_of.date() if as_of else None
    sys.exit(run_sql(workspace(project_dir, data_dir, engine, lang), dialect, kpi_id, day))
