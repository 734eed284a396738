"""``kpi init``: scaffold a runnable project from imported data, then check it through the pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from ..pipeline import Workspace, load, require_valid, validate
from ..report import format_text
from ..scaffold.inventory import DataInventory
from ..scaffold.plan import Plan, plan
from ..scaffold.rewrite import rewrite
from ..scaffold.write import Catalogue, InitFailure, refuse_to_overwrite, shipped_catalogue, write_project
from ..site.errors import BuildFailure

LEADS = "leads"


def run_init(target: Path, data_dir: Path, catalogue_dir: Path | None, force: bool, lang: str) -> int:
    """Write the project into ``target``; exit 0 when it passes the rules (as ``kpi check`` runs them)."""
    try:
        the_plan = _scaffold(target, data_dir, catalogue_dir, force, lang)
    except InitFailure as failure:
        click.echo(failure.message(lang), err=True)
        return 1
    except BuildFailure as failure:
        for line in failure.lines:
            click.echo(line, err=True)
        return 1
    checked = validate(load(Workspace(project_dir=target, lang=lang)))
    if checked.outcome.errors:  # a scaffold that fails its own rules is a bug here, said plainly
        click.echo(format_text(checked.outcome, lang), err=True, nl=False)
        return 1
    click.echo(_summary(the_plan, target, lang))
    return 0


def _scaffold(target: Path, data_dir: Path, catalogue_dir: Path | None, force: bool, lang: str) -> Plan:
    folder = catalogue_dir or shipped_catalogue()
    refuse_to_overwrite(target, force, folder)
    project = require_valid(validate(load(Workspace(project_dir=folder, lang=lang))), lang)
    if project.sources is None:
        raise InitFailure(
            f"{folder}/definitions/sources.yml がありません", f"{folder}/definitions/sources.yml is missing"
        )
    with DataInventory(data_dir, project.sources.spec.tables) as data:
        if not data.has_table(LEADS):
            raise InitFailure(
                f"{data_dir} に leads の表がありません — 先に kpi import でリードの一覧を取り込んでください",
                f"no leads table in {data_dir} — bring a lead list in with kpi import first",
            )
        the_plan = plan(project, data)
        files = dict(data.files)
    rewritten = rewrite(project, the_plan)
    write_project(Catalogue(folder, project), target, the_plan, rewritten, files, lang)
    return the_plan


def _summary(the_plan: Plan, target: Path, lang: str) -> str:
    ja = lang == "ja"
    lines = [
        f"{target}: 計測できる KPI {len(the_plan.kpis)} 個を有効にしました"
        if ja
        else f"{target}: {len(the_plan.kpis)} KPIs the data can measure are enabled"
    ]
    if the_plan.left_out:
        lines.append(
            f"計測できないため外した KPI(disabled/ に置きました、{len(the_plan.left_out)} 個):"
            if ja
            else f"KPIs left out, as the data cannot measure them (in disabled/, {len(the_plan.left_out)}):"
        )
        lines += [f"  {kpi_id}: {the_plan.message(kpi_id, lang)}" for kpi_id in the_plan.left_out]
    lines.append(
        f"次に: kpi check --project {target} / kpi build --project {target} --site-dir {target}/site"
        if ja
        else f"next: kpi check --project {target} / kpi build --project {target} --site-dir {target}/site"
    )
    return "\n".join(lines)
