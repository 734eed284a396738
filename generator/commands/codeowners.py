"""``kpi codeowners``: write ``.github/CODEOWNERS`` from teams.yml and each definition's owners."""

from __future__ import annotations

import click

from ..codeowners import CODEOWNERS_FILE, owner_lines, updated_text
from ..pipeline import Workspace, load
from ..report.escaping import visible

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run_codeowners(workspace: Workspace) -> int:
    """Rewrite the generated block (the rest of the file is kept); 1 when a definition did not load."""
    ja = workspace.lang == "ja"
    loaded = load(workspace)
    if loaded.project.broken_files or loaded.project.teams is None:
        click.echo(
            "定義ファイルに読めないものがあるため CODEOWNERS を書きませんでした"
            " — kpi check で確認してください"
            if ja
            else "CODEOWNERS was not written: some definition files did not load — run kpi check",
            err=True,
        )
        return EXIT_PROBLEMS
    path = workspace.project_dir / CODEOWNERS_FILE
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = updated_text(existing, loaded.project)
    if text != existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    owned = len(owner_lines(loaded.project))
    without = [t.id for t in loaded.project.teams.spec.teams if t.github is None]
    click.echo(
        f"{CODEOWNERS_FILE}: {owned} 件のファイルにレビュー担当を設定しました"
        if ja
        else f"{CODEOWNERS_FILE}: reviewers set for {owned} file(s)"
    )
    if without:
        names = ", ".join(visible(team) for team in without)
        click.echo(
            f"GitHub のハンドル(github:)がないチーム: {names}"
            " — teams.yml に追加するとレビュー依頼の対象になります"
            if ja
            else f"teams without a GitHub handle (github:): {names}"
            " — add one in teams.yml to request their review"
        )
    return EXIT_OK
