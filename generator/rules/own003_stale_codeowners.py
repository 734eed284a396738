"""OWN003 stale-codeowners."""

from __future__ import annotations

from collections.abc import Iterable

from ..codeowners import CODEOWNERS_FILE, first_stale_line
from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule


class StaleCodeowners(Rule):
    """The block ``kpi codeowners`` wrote in ``.github/CODEOWNERS`` still says who owns each KPI and
    SLA file: an owner changed in a definition (or a team's ``github:`` in teams.yml) without
    rewriting it would ask the wrong people to review. A file without the block is not checked.

    Bad (metrics/cpl.yml now has ``owner: {team: marketing_ops, …}``)::

        /metrics/cpl.yml @example-corp/marketing

    Good: run ``kpi codeowners`` and commit ``.github/CODEOWNERS``::

        /metrics/cpl.yml @example-corp/marketing-ops
    """

    code = "OWN003"
    name = "stale-codeowners"
    title_ja = "CODEOWNERS が定義と一致する"
    summary_ja = (
        "コミット済みの .github/CODEOWNERS の kpi codeowners の区画は、teams.yml と各 KPI・SLA の"
        "担当チームから作り直したものと同じであること。違えば kpi codeowners を実行してください。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        if project.codeowners is None or project.broken_files:
            return  # a file that did not load would look like an owner removed
        line = first_stale_line(project.codeowners, project)
        if line is None:
            return
        yield self.issue(
            Location(CODEOWNERS_FILE, line),
            f"{CODEOWNERS_FILE} が定義の所有者と一致しません(この行から)"
            " — kpi codeowners を実行し、書き直されたファイルをコミットしてください",
            f"{CODEOWNERS_FILE} no longer matches the definitions' owners (from this line)"
            " — run kpi codeowners and commit the rewritten file",
        )
