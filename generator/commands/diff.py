"""``kpi diff BASE [HEAD]``: the definitions' semantic diff, its impact on the numbers, and the exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace

import click

from ..diff.approval import unapproved_breaking
from ..diff.changes import Change
from ..diff.formats import render_github, render_json
from ..diff.impact import Impact, ImpactSkipped, measure_impact, needs_impact
from ..diff.markdown import Comment, render_markdown
from ..diff.revisions import Revision, RevisionProblem, load_revision
from ..diff.semantic import semantic_diff
from ..pipeline import Validated, Workspace, data_folder, validate
from ..report.escaping import visible
from .check import project_prefix

EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class DiffOptions:
    base: str
    head: str | None  # None: the working tree
    output_format: str  # markdown, json, github
    fail_on: str | None  # "breaking" or None
    labels: Sequence[str]
    approved_label: str
    with_impact: bool = True


def run_diff(workspace: Workspace, options: DiffOptions) -> int:
    """Compare, measure when something could move a number, print; 1 only for unapproved breaking changes."""
    lang = workspace.lang
    try:
        base = load_revision(workspace.project_dir, options.base)
        head = load_revision(workspace.project_dir, options.head)
    except RevisionProblem as problem:
        click.echo(visible(problem.message(lang)), err=True)
        return EXIT_FAILED
    old, new = validate(base.loaded), validate(head.loaded)
    changes = semantic_diff(old.project, new.project)
    impact: Impact | ImpactSkipped | None = None
    if options.with_impact and needs_impact(changes):
        impact = _impact(old, new, workspace, changes)
    unapproved = unapproved_breaking(
        changes, old.project, new.project, options.labels, options.approved_label
    )
    comment = Comment(
        base=base.label,
        head=_head_label(head, lang),
        changes=changes,
        impact=impact,
        unapproved=unapproved if options.fail_on == "breaking" else None,
        approved_label=options.approved_label,
        lang=lang,
    )
    if options.output_format == "json":
        sys.stdout.write(render_json(comment))
    elif options.output_format == "github":
        sys.stdout.write(render_github(comment, project_prefix(workspace.project_dir)))
    else:
        sys.stdout.write(render_markdown(comment))
    return EXIT_FAILED if options.fail_on == "breaking" and unapproved else EXIT_OK


def _impact(
    old: Validated, new: Validated, workspace: Workspace, changes: list[Change]
) -> Impact | ImpactSkipped:
    """Both revisions must be valid to be measured; otherwise say which one and what to run."""
    for name, validated in (("BASE", old), ("HEAD", new)):
        errors = len(validated.outcome.errors)
        if errors:
            return ImpactSkipped(
                f"{name} の定義にエラーが {errors} 件あります — kpi check で確認してください",
                f"{name} has {errors} definition error(s) — run kpi check",
            )
    # The same tables for both: --data-dir, else the folder HEAD's sources.yml names.
    same_data = replace(workspace, data_dir=data_folder(new.project, workspace))
    return measure_impact(old.project, new.project, same_data, changes)


def _head_label(head: Revision, lang: str) -> str:
    if head.label == "working tree":
        return "作業ツリー" if lang == "ja" else "working tree"
    return head.label
