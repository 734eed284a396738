"""CHK002 done-without-evidence."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class DoneWithoutEvidence(Rule):
    """An item marked ``done`` names evidence, so its state can be checked rather than typed (warning).

    Bad::

        - {id: mql_defined, text: MQL の定義を合意した, owner: marketing, state: done}

    Good::

        - id: mql_defined
          text: MQL の定義を合意した
          owner: marketing
          state: done
          evidence: [{kind: sla, ref: mql_sql_sla.mql.summary}]
    """

    code = "CHK002"
    name = "done-without-evidence"
    title_ja = "完了した項目には根拠がある"
    summary_ja = "「完了」にした項目は根拠を挙げ、状態を手入力ではなく確かめられるようにすること(警告)。"

    def check(self, project: Project) -> Iterable[Issue]:
        for checklist in project.checklists:
            for i, item in enumerate(checklist.spec.items):
                if item.state == "done" and not item.evidence:
                    yield self.warning(
                        checklist.at("items", i, "state"),
                        f"項目「{item.id}」は done ですが根拠(evidence)がありません"
                        " — KPI・SLA の条項・データチェックなど、完了を示す参照を書いてください",
                        f"item '{item.id}' is done but has no evidence"
                        " — add a KPI, SLA clause or data check that shows it is done",
                    )
