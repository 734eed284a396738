"""KPI007 value-out-of-range."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.compute import Ratio
from ..model.issue import Issue
from ..model.kpi import Kpi
from ..model.project import Loaded, Project
from .base import Rule

# Kinds whose values cannot fall below zero: counts of leads, shares, elapsed time.
_NEVER_NEGATIVE = ("volume", "rate", "duration")


class ValueOutOfRange(Rule):
    """Targets and status thresholds are values the KPI can take: never negative for a count, a rate
    or a duration, and at most 1 for a rate (or the ratio's ``scale``, 100 for points).

    Bad (a rate written as a percentage, and a negative count)::

        kind: rate
        targets: [{value: 20, deadline: 2027-03-31, direction: at_least, scope: 全チャネル}]

        kind: volume
        targets: [{value: -5, deadline: 2027-03-31, direction: at_least, scope: 全チャネル}]

    Good::

        kind: rate
        targets: [{value: 0.2, deadline: 2027-03-31, direction: at_least, scope: 全チャネル}]
    """

    code = "KPI007"
    name = "value-out-of-range"
    title_ja = "目標と基準が取りうる値"
    summary_ja = (
        "目標と判定基準が KPI の取りうる値であること。件数・率・時間は負にならず、率は 1(または比率"
        "の scale、ポイントなら 100)以下です。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for kpi in project.kpis:
            spec = kpi.spec
            low = 0.0 if spec.kind in _NEVER_NEGATIVE else None
            high = rate_upper_bound(spec) if spec.kind == "rate" else None
            for path, value in _stated_values(kpi):
                if low is not None and value < low:
                    yield self.issue(
                        kpi.at(*path),
                        f"{_label_ja(path)} {value:g} は負の値です({spec.kind} の KPI は 0 未満になりません)"
                        " — 0 以上の値にしてください",
                        f"{_label_en(path)} {value:g} is negative (a {spec.kind} KPI is never below 0)"
                        " — use a value of 0 or more",
                    )
                elif high is not None and value > high:
                    yield self.issue(
                        kpi.at(*path),
                        f"{_label_ja(path)} {value:g} が率の上限 {high:g} を超えています"
                        f" — 率は 0〜{high:g} で書いてください(20% なら {0.2 * high:g})",
                        f"{_label_en(path)} {value:g} is above the rate's maximum of {high:g}"
                        f" — write rates between 0 and {high:g} (20% is {0.2 * high:g})",
                    )


def rate_upper_bound(spec: Kpi) -> float:
    """A rate's largest value: the ratio's ``scale``, else 1 (a fraction)."""
    return spec.compute.scale if isinstance(spec.compute, Ratio) else 1.0


def _stated_values(kpi: Loaded[Kpi]) -> Iterator[tuple[tuple[str | int, ...], float]]:
    for i, target in enumerate(kpi.spec.targets):
        yield ("targets", i, "value"), target.value
    thresholds = kpi.spec.thresholds
    if thresholds is not None:
        yield ("thresholds", "on_track"), thresholds.on_track
        yield ("thresholds", "at_risk"), thresholds.at_risk


def _label_ja(path: tuple[str | int, ...]) -> str:
    return "目標値" if path[0] == "targets" else f"しきい値 {path[-1]}"


def _label_en(path: tuple[str | int, ...]) -> str:
    return "the target" if path[0] == "targets" else f"the threshold {path[-1]}"
