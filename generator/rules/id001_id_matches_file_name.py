"""ID001 id-matches-file-name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ..model.checklist import Checklist
from ..model.issue import Issue
from ..model.kpi import Kpi
from ..model.project import Loaded, Project
from ..model.sla import Sla
from .base import Rule


class IdMatchesFileName(Rule):
    """A KPI, SLA or checklist file is named after its id, so links, reviews and diffs find it.

    Bad (``metrics/mql_count.yml``)::

        id: mql_total

    Good (``metrics/mql_count.yml``)::

        id: mql_count
    """

    code = "ID001"
    name = "id-matches-file-name"
    title_ja = "ファイル名が id と同じ"
    summary_ja = (
        "KPI・SLA・チェックリストのファイル名が id と同じであること。リンク・レビュー・差分から見つ"
        "けられるようにします。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for loaded in _one_object_files(project):
            stem = PurePosixPath(loaded.file).stem
            found = loaded.spec.id
            if found != stem:
                yield self.issue(
                    loaded.at("id"),
                    f"id「{found}」がファイル名「{stem}.yml」と一致しません — "
                    f"id を「{stem}」にするか、ファイル名を「{found}.yml」に変えてください",
                    f"id '{found}' does not match the file name '{stem}.yml' — "
                    f"set the id to '{stem}' or rename the file to '{found}.yml'",
                )


def _one_object_files(project: Project) -> Iterator[Loaded[Kpi] | Loaded[Sla] | Loaded[Checklist]]:
    yield from project.kpis
    yield from project.slas
    yield from project.checklists
