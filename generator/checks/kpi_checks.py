"""Plan each KPI's own ``checks`` on its measured series.

Every KPI's series goes into a few shared frames (points, calendar periods, latest period, volume),
so GX runs one expectation per rule and bound for the whole catalogue instead of one per KPI;
each check then counts only the rows of its own KPI (``Planned.owner``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..measures.registry import maturity_days
from ..model.kpi import (
    Kpi,
    KpiCheck,
    LatestPeriodPresent,
    MinimumVolume,
    NoMissingPeriods,
    NotNull,
    RangeCheck,
)
from ..model.measurement import KpiMeasurement, MeasurementSet, Point
from ..model.periods import latest_complete_start, period_of, period_start, starts_between
from ..model.project import Loaded, Project
from ..model.readings import phase_of
from . import kpi_messages
from .absent import absent_tables_result
from .plan import Planned, Step, Target

POINTS, PERIODS, LATEST, VOLUME = "kpi:points", "kpi:periods", "kpi:latest", "kpi:volume"
VALUES = "kpi:values"  # the measured periods that have a value: what a range is checked on
NOT_BEFORE = {"or_equal": True, "ignore_row_if": "neither"}  # a missing value counts as a failure


@dataclass(frozen=True)
class Series:
    """One KPI's measured points on its grain's calendar, as of the check date."""

    kpi: Kpi
    points: dict[dt.date, Point]  # by period start
    calendar: list[dt.date]  # first measured period → latest period (at least the latest complete one)
    required: dt.date  # start of the latest complete period at as_of
    judged: dt.date | None = None  # start of the latest period the pages judge (complete and matured)

    @classmethod
    def of(cls, kpi: Kpi, measurement: KpiMeasurement, as_of: dt.date, maturity_days: int = 0) -> Series:
        points = {period_start(p.start, kpi.grain): p for p in measurement.series}
        required = latest_complete_start(as_of, kpi.grain)
        first = min(points, default=required)
        last = max([*points, required])
        calendar = starts_between(first, last, kpi.grain)
        # The pages' rule: a period still running or a cohort still converting is not judged.
        settled = [
            start
            for start in calendar
            if phase_of(period_of(start, kpi.grain), as_of, maturity_days)[0] == "complete"
        ]
        return cls(kpi, points, calendar, required, settled[-1] if settled else None)

    @property
    def latest_filled(self) -> dt.date | None:
        """The start of the latest period that is measured and not empty."""
        return max((start for start, point in self.points.items() if self.filled(point)), default=None)

    def filled(self, point: Point) -> bool:
        """A period has data: a value, a denominator above zero if it has one, a count above zero."""
        if point.value is None or point.denominator == 0:
            return False
        return not (self.kpi.kind == "volume" and point.value == 0)

    @property
    def empty_periods(self) -> int:
        """Measured periods without a value (a zero denominator): a range check cannot speak for them."""
        return sum(1 for point in self.points.values() if point.value is None)

    @property
    def latest_volume(self) -> float:
        """The judged period's denominator (its count for a volume KPI); 0 when it was not measured.

        Not the newest period: three days of a week, or a cohort a month into its 180-day window, are
        small by nature and never judged (``model/readings.py``)."""
        point = self.points.get(self.judged if self.judged is not None else self.required)
        if point is None:
            return 0.0
        volume = point.denominator if point.denominator is not None else point.value
        return float(volume or 0.0)


@dataclass(frozen=True)
class KpiFrames:
    """The frames shared by every KPI's checks."""

    points: pd.DataFrame  # kpi, start, value — one row per measured period
    values: pd.DataFrame  # the rows of ``points`` with a value (a range says nothing of an empty period)
    periods: pd.DataFrame  # kpi, start, measured (true or null) — one row per calendar period
    latest: pd.DataFrame  # kpi, latest_filled, required
    volume: pd.DataFrame  # check_id, volume, minimum

    @classmethod
    def of(cls, series: Sequence[Series], volume_checks: Sequence[tuple[str, float, int]]) -> KpiFrames:
        points = pd.DataFrame(
            [(s.kpi.id, start, p.value) for s in series for start, p in sorted(s.points.items())],
            columns=["kpi", "start", "value"],
        ).astype({"value": "float64"})
        periods = pd.DataFrame(
            [(s.kpi.id, start, True if start in s.points else None) for s in series for start in s.calendar],
            columns=["kpi", "start", "measured"],
        ).astype({"measured": "boolean"})
        latest = pd.DataFrame(
            [(s.kpi.id, s.latest_filled, s.required) for s in series],
            columns=["kpi", "latest_filled", "required"],
        )
        volume = pd.DataFrame(volume_checks, columns=["check_id", "volume", "minimum"])
        return cls(points, points.dropna(subset=["value"]), periods, latest, volume)


def plan_kpi_checks(project: Project, measurements: MeasurementSet, as_of: dt.date) -> list[Step]:
    """Steps for every KPI of the catalogue, sorted by KPI id, checks in declaration order."""
    loaded = sorted(project.kpis, key=lambda item: item.spec.id)
    kpis = {item.spec.id: item.spec for item in loaded}
    measured = {
        item.spec.id: Series.of(
            item.spec, measurements.kpis[item.spec.id], as_of, maturity_days(item.spec, kpis)
        )
        for item in loaded
        if item.spec.id in measurements.kpis and measurements.kpis[item.spec.id].error is None
    }
    targets = {item.spec.id: _targets(item) for item in loaded}
    volume_checks = [
        (target.check_id, measured[kpi_id].latest_volume, check.min)
        for kpi_id, pairs in targets.items()
        if kpi_id in measured
        for target, check in pairs
        if isinstance(check, MinimumVolume)
    ]
    frames = KpiFrames.of(list(measured.values()), volume_checks)
    steps: list[Step] = []
    for item in loaded:
        steps.extend(_kpi_steps(item, measurements.kpis.get(item.spec.id), measured, targets, frames))
    return steps


def _targets(item: Loaded[Kpi]) -> list[tuple[Target, KpiCheck]]:
    kpi_id, seen, pairs = item.spec.id, set[str](), []
    for position, check in enumerate(item.spec.checks):
        check_id = f"kpi:{kpi_id}:{check.check}"
        if check_id in seen:
            check_id = f"{check_id}#{position + 1}"
        seen.add(check_id)
        pairs.append((Target(check_id, "kpi", kpi_id, check.check, None, item.at("checks", position)), check))
    return pairs


def _kpi_steps(
    item: Loaded[Kpi],
    measurement: KpiMeasurement | None,
    measured: dict[str, Series],
    targets: dict[str, list[tuple[Target, KpiCheck]]],
    frames: KpiFrames,
) -> list[Step]:
    kpi_id = item.spec.id
    if not item.spec.checks:
        target = Target(f"kpi:{kpi_id}:checks", "kpi", kpi_id, "checks", None, item.at("id"))
        return [target.result(False, kpi_messages.no_checks(kpi_id))]
    target = Target(f"kpi:{kpi_id}:measurement", "kpi", kpi_id, "measurement", None, item.at("compute"))
    if measurement is None:
        return [target.result(False, kpi_messages.not_measured(kpi_id))]
    if measurement.absent_tables:  # partial data is normal: a warning naming what to import
        return [absent_tables_result(target, kpi_id, measurement.absent_tables)]
    if measurement.error is not None:
        return [target.result(False, kpi_messages.measurement_failed(kpi_id, measurement.error))]
    series = measured[kpi_id]
    return [_plan(target, check, series, frames) for target, check in targets[kpi_id]]


def _plan(target: Target, check: KpiCheck, series: Series, frames: KpiFrames) -> Planned:
    kpi_id = series.kpi.id
    owner = ("kpi", kpi_id)
    if isinstance(check, RangeCheck):
        return Planned(
            target,
            VALUES,
            frames.values,
            "expect_column_values_to_be_between",
            {"column": "value", "min_value": check.min, "max_value": check.max},
            kpi_messages.between(kpi_id, check.min, check.max, series.empty_periods),
            owner=owner,
        )
    if isinstance(check, NoMissingPeriods):
        return Planned(
            target,
            PERIODS,
            frames.periods,
            "expect_column_values_to_not_be_null",
            {"column": "measured"},
            kpi_messages.no_missing_periods(kpi_id),
            owner=owner,
        )
    if isinstance(check, NotNull):
        return Planned(
            target,
            POINTS,
            frames.points,
            "expect_column_values_to_not_be_null",
            {"column": "value"},
            kpi_messages.not_null(kpi_id),
            owner=owner,
        )
    if isinstance(check, LatestPeriodPresent):
        return Planned(
            target,
            LATEST,
            frames.latest,
            "expect_column_pair_values_a_to_be_greater_than_b",
            {"column_A": "latest_filled", "column_B": "required", **NOT_BEFORE},
            kpi_messages.latest_period_present(kpi_id, series.required, series.latest_filled),
            owner=owner,
        )
    assert isinstance(check, MinimumVolume)
    return Planned(
        target,
        VOLUME,
        frames.volume,
        "expect_column_pair_values_a_to_be_greater_than_b",
        {"column_A": "volume", "column_B": "minimum", **NOT_BEFORE},
        kpi_messages.minimum_volume(kpi_id, check.min, series.latest_volume),
        owner=("check_id", target.check_id),
    )
