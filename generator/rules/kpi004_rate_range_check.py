"""KPI004 rate-range-check."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.compute import Ratio
from ..model.issue import Issue
from ..model.kpi import RangeCheck
from ..model.project import Project
from .base import Rule


class RateRangeCheck(Rule):
    """A rate KPI has a ``between`` check that keeps it within 0 and 1 (or 0 and the ratio's ``scale``),
    so a broken denominator shows up as a failed check (warning).

    Bad::

        kind: rate
        checks: [{check: latest_period_present}]

    Good::

        kind: rate
        checks: [{check: between, min: 0, max: 1}, {check: latest_period_present}]
    """

    code = "KPI004"
    name = "rate-range-check"
    title_ja = "率に範囲チェックがある"
    summary_ja = (
        "率の KPI に 0〜1(または比率の scale)に収める between チェックがあること。分母の誤りがチェ"
        "ックの失敗として見えます(警告)。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            spec = kpi.spec
            if spec.kind != "rate":
                continue
            upper = spec.compute.scale if isinstance(spec.compute, Ratio) else 1.0
            ranges = [(i, c) for i, c in enumerate(spec.checks) if isinstance(c, RangeCheck)]
            if not ranges:
                yield self.warning(
                    kpi.at("checks"),
                    f"率の KPI「{spec.id}」に範囲チェックがありません — "
                    f"checks に {{check: between, min: 0, max: {upper:g}}} を追加してください",
                    f"rate KPI '{spec.id}' has no range check — "
                    f"add {{check: between, min: 0, max: {upper:g}}} to its checks",
                )
                continue
            for i, check in ranges:
                low, high = check.min, check.max
                if low is None or high is None or low < 0 or high > upper:
                    shown = f"{_bound(low)}〜{_bound(high)}"
                    yield self.warning(
                        kpi.at("checks", i),
                        f"率の範囲チェック({shown})が 0〜{upper:g} を超えています — "
                        f"min: 0、max: {upper:g} 以内にしてください",
                        f"the rate's range check ({shown}) goes beyond 0–{upper:g} — "
                        f"use min: 0 and max: {upper:g} or less",
                    )


def _bound(value: float | None) -> str:
    return "なし/none" if value is None else f"{value:g}"
