"""SLA003 effective-period."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class EffectivePeriod(Rule):
    """An SLA's ``effective_until`` is after its ``effective_from``.

    Bad::

        effective_from: 2026-04-01
        effective_until: 2025-03-31

    Good::

        effective_from: 2026-04-01
        effective_until: 2027-03-31
    """

    code = "SLA003"
    name = "effective-period"
    title_ja = "有効期間の前後が正しい"
    summary_ja = "SLA の effective_until が effective_from より後であること。"

    def check(self, project: Project) -> Iterable[Issue]:
        for sla in project.slas:
            start, end = sla.spec.effective_from, sla.spec.effective_until
            if end is not None and end < start:
                yield self.issue(
                    sla.at("effective_until"),
                    f"有効期限 {end} が開始日 {start} より前です"
                    " — effective_until を開始日より後にしてください",
                    f"effective_until {end} is before effective_from {start} — set an end after the start",
                )
