"""``kpi sql``: print the queries the engine would run, rendered for a warehouse's SQL dialect.

Compiled from the definitions and the declared schema alone (no data, no connection): what a team
would run on BigQuery, Snowflake, Trino, Databricks, PostgreSQL, Spark or DuckDB, for the whole
catalogue or one KPI. A construct the dialect cannot express is reported with the KPI's file:line.
"""

from __future__ import annotations

import datetime as dt

import click

from ..engine.dialects import UnsupportedQuery, render
from ..pipeline import Workspace, engine_profile, load, require_valid, validate
from ..site.errors import BuildFailure
from .check import project_prefix

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run_sql(workspace: Workspace, dialect: str | None, kpi_id: str | None, as_of: dt.date | None) -> int:
    """Print every query (``-- <KPI> (<file:line>)`` before each KPI's); return the exit code."""
    from ..engine.compiling import compile_catalogue

    lang = workspace.lang
    try:
        project = require_valid(validate(load(workspace), project_prefix(workspace.project_dir)), lang)
    except BuildFailure as failure:
        _error("\n".join(failure.lines))
        return EXIT_PROBLEMS
    if kpi_id is not None and project.kpi(kpi_id) is None:
        known = ", ".join(sorted(k.spec.id for k in project.kpis))
        _error(
            f"KPI「{kpi_id}」はありません — 次のいずれかを指定してください: {known}"
            if lang == "ja"
            else f"no KPI '{kpi_id}' — name one of: {known}"
        )
        return EXIT_PROBLEMS
    dialect = dialect or engine_profile(project, workspace).name  # each engine's name is its dialect
    problems = 0
    for compiled in compile_catalogue(project, as_of or dt.date.today(), only=kpi_id):
        loaded = project.kpi(compiled.kpi_id) if compiled.kpi_id else None
        where = str(loaded.at("id")) if loaded else "-"
        title = compiled.kpi_id or (
            "ツリー・ファネル・SLA" if lang == "ja" else "tree, funnel and SLA reports"
        )
        click.echo(f"-- {title} ({where})")
        for query in compiled.queries:
            try:
                click.echo(render(query, dialect, pretty=True) + ";\n")
            except UnsupportedQuery as error:
                problems += 1
                _error(
                    f"{where}: {dialect} ではこのクエリを表現できません({error.reason})"
                    if lang == "ja"
                    else f"{where}: {dialect} cannot express this query ({error.reason})"
                )
    return EXIT_PROBLEMS if problems else EXIT_OK


def _error(text: str) -> None:
    click.echo(text, err=True)


__all__ = ["run_sql"]
