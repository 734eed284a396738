"""Which measured periods may be judged: a period still running is 途中, a cohort still converting is 成熟中.

A KPI's newest value is often not yet a measurement of its period: the week that contains the as-of date
has a few days of data, and a monthly cohort of SQLs has had weeks, not the 180 days its conversion
window gives it. Both read low and would be judged red. Every page and every data check takes its status
from :func:`judged` — the latest *complete* period with a value — and shows the others, greyed, with why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .measurement import KpiMeasurement, Point
from .periods import Grain, Period, period_of

Phase = Literal["complete", "partial", "maturing"]

PHASE_LABELS: dict[Phase, str] = {"complete": "確定", "partial": "途中", "maturing": "成熟中"}
PHASE_LABELS_EN: dict[Phase, str] = {"complete": "complete", "partial": "in progress", "maturing": "maturing"}


@dataclass(frozen=True)
class Reading:
    """One point with what it can be trusted for."""

    point: Point
    period: Period
    phase: Phase
    matured: float | None = None  # for a maturing cohort: the share of its window that has passed (0–1)

    @property
    def value(self) -> float | None:
        return self.point.value

    @property
    def judgeable(self) -> bool:
        return self.phase == "complete" and self.point.value is not None


def phase_of(period: Period, as_of: dt.date, maturity_days: int) -> tuple[Phase, float | None]:
    """途中 while the as-of date is inside the period; 成熟中 while its last members' window is open."""
    if period.is_partial(as_of):
        return "partial", None
    if maturity_days <= 0:
        return "complete", None
    last_day = period.end - dt.timedelta(days=1)
    waited = (as_of - last_day).days
    if waited >= maturity_days:
        return "complete", None
    return "maturing", max(0.0, waited / maturity_days)


def readings(
    points: tuple[Point, ...], grain: Grain, as_of: dt.date, maturity_days: int
) -> tuple[Reading, ...]:
    """Each point with its period and phase, oldest first."""
    result = []
    for point in points:
        period = period_of(point.start, grain)
        phase, matured = phase_of(period, as_of, maturity_days)
        result.append(Reading(point, period, phase, matured))
    return tuple(result)


@dataclass(frozen=True)
class KpiReadings:
    """A KPI's series read for judging: the shown window, and the older year kept for comparisons."""

    series: tuple[Reading, ...]
    history: tuple[Reading, ...] = ()
    maturity_days: int = 0

    @classmethod
    def of(cls, measurement: KpiMeasurement, as_of: dt.date, maturity_days: int) -> KpiReadings:
        grain: Grain = measurement.grain  # type: ignore[assignment]  # measured from a validated Grain
        return cls(
            readings(measurement.series, grain, as_of, maturity_days),
            readings(measurement.history, grain, as_of, maturity_days),
            maturity_days,
        )

    def judged_on(self, day: dt.date) -> Reading | None:
        """What was judged on ``day``: the latest period complete (and matured) by then, today's value."""
        earlier = [
            r
            for r in (*self.history, *self.series)
            if r.value is not None and phase_of(r.period, day, self.maturity_days)[0] == "complete"
        ]
        return earlier[-1] if earlier else None

    @property
    def judged(self) -> Reading | None:
        """The latest complete period with a value: what status, targets and checks are about."""
        return next((r for r in reversed(self.series) if r.judgeable), None)

    @property
    def newest(self) -> Reading | None:
        """The newest period with a value, complete or not (shown, never judged unless complete)."""
        return next((r for r in reversed(self.series) if r.value is not None), None)

    @property
    def unjudged(self) -> tuple[Reading, ...]:
        """Periods after the judged one: still running, still maturing, or complete without a value
        (the reason an older period is the one judged)."""
        judged = self.judged
        return tuple(r for r in self.series if judged is None or r.period > judged.period)

    def at(self, start: dt.date) -> Reading | None:
        """The reading of the period starting at ``start``, in the window or the year before it."""
        return next((r for r in (*self.history, *self.series) if r.period.start == start), None)

    def previous(self, reading: Reading) -> Reading | None:
        """The period just before ``reading`` (前期)."""
        before = period_of(reading.period.start - dt.timedelta(days=1), reading.period.grain)
        return self.at(before.start)

    def year_before(self, reading: Reading) -> Reading | None:
        """The same period a year earlier (前年同期): the same month, quarter or ISO week number."""
        start = reading.period.start
        if reading.period.grain == "week":
            iso = start.isocalendar()
            try:
                earlier = dt.date.fromisocalendar(iso.year - 1, iso.week, 1)
            except ValueError:  # week 53 in a year of 52 weeks: no same week
                return None
        else:
            earlier = start.replace(year=start.year - 1)
        return self.at(earlier)
