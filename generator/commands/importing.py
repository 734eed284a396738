"""``kpi import``: turn exports into the canonical tables with a mapping, then print and save the report."""

from __future__ import annotations

from pathlib import Path

import click

from ..importers.mapping import LoadedMapping, find_mapping, load_preset, parse_mapping
from ..importers.problems import ImportFailure
from ..importers.report import format_report
from ..importers.run import import_files, write_tables
from ..loading.catalogue import SOURCES_FILE
from ..model.sources import Sources
from ..pipeline import Workspace, data_folder, load
from ..scaffold.write import InitFailure, shipped_catalogue


def run_import(
    workspace: Workspace,
    files: tuple[str, ...],
    preset: str | None,
    mapping_path: Path | None,
    report_path: Path | None,
) -> int:
    """Import ``files`` with the preset or mapping; exit 0 when every table got rows, else 1."""
    lang = workspace.lang
    try:
        mapping = _mapping(workspace, preset, mapping_path)
        project = load(workspace).project
        if project.sources is None and not (workspace.project_dir / SOURCES_FILE).exists():
            # Before kpi init there is no project yet: the shipped canonical tables are the target.
            project = load(Workspace(project_dir=shipped_catalogue())).project
        sources = _sources(project.sources.spec if project.sources else None)
        report, tables = import_files(mapping, _named_files(mapping, files), sources)
        out_dir = data_folder(project, workspace)
        write_tables(tables, out_dir)
    except ImportFailure as failure:
        for line in failure.lines(lang):
            click.echo(line, err=True)
        return 1
    except InitFailure as failure:
        click.echo(failure.message(lang), err=True)
        return 1
    target = report_path or out_dir / f"import-report-{mapping.name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(report.json_text(), encoding="utf-8")
    click.echo(format_report(report, lang), nl=False)
    click.echo(f"レポート: {target}" if lang == "ja" else f"report: {target}")
    empty = [table.table for table in report.tables if table.rows_written == 0]
    for table_id in empty:
        click.echo(
            f"{table_id}: 1 行も取り込めませんでした(ファイルは書いていません)— 上の理由を確認してください"
            if lang == "ja"
            else f"{table_id}: no row could be imported (no file written) — see the reasons above",
            err=True,
        )
    return 1 if empty else 0


def _mapping(workspace: Workspace, preset: str | None, mapping_path: Path | None) -> LoadedMapping:
    if (preset is None) == (mapping_path is None):
        raise ImportFailure.one(
            "--preset か --mapping のどちらか一方を指定してください",
            "give exactly one of --preset and --mapping",
        )
    if preset is not None:
        return load_preset(preset)
    assert mapping_path is not None
    path = find_mapping(workspace.project_dir, mapping_path)
    return parse_mapping(path.read_bytes(), _shown(path, workspace.project_dir))


def _shown(path: Path, project_dir: Path) -> str:
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def _sources(sources: Sources | None) -> Sources:
    if sources is None:
        raise ImportFailure.one(
            "definitions/sources.yml を読めません — kpi check で問題を確認してください",
            "definitions/sources.yml cannot be loaded — run kpi check to see why",
        )
    return sources


def _named_files(mapping: LoadedMapping, files: tuple[str, ...]) -> dict[str, Path]:
    """``name=path`` arguments by name; bare paths fill the mapping's inputs in their declared order."""
    names = list(mapping.spec.inputs)
    named: dict[str, Path] = {}
    bare: list[Path] = []
    for argument in files:
        name, sep, path = argument.partition("=")
        if sep and name in names:
            named[name] = Path(path)
        else:
            bare.append(Path(argument))
    for name in names:
        if name not in named and bare:
            named[name] = bare.pop(0)
    if bare:
        raise ImportFailure.one(
            f"ファイルが多すぎます: {', '.join(map(str, bare))}"
            f" — このマッピングの入力は {', '.join(names)} です",
            f"too many files: {', '.join(map(str, bare))} — this mapping's inputs are {', '.join(names)}",
        )
    return named
