"""What measuring produces: one series per KPI plus the funnel, SLA and tree views the site shows.

Only aggregates live here — never a lead id, name, email or phone — so everything in this module
may be written to the site, a chart's embedded data, a cache or a log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    """A KPI's value in one period; rates keep numerator and denominator so they can be re-aggregated."""

    period: str  # "2026-04", "2026-W14", "2026-Q2", "FY2026"
    start: dt.date
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class SegmentValue:
    """A KPI over the latest complete window for one segment key; ``suppressed`` when under k leads."""

    dimension: str  # channel, campaign, industry, company_size, owner_team
    key: str
    value: float | None
    denominator: float | None
    suppressed: bool = False
    label: str | None = None  # the key's name where the key is an id (a campaign's name); else None


@dataclass(frozen=True)
class KpiMeasurement:
    kpi_id: str
    grain: str
    series: tuple[Point, ...]
    segments: tuple[SegmentValue, ...] = ()
    error: str | None = None
    history: tuple[Point, ...] = ()  # the year before ``series``, from its first period with data
    absent_tables: tuple[str, ...] = ()  # set with ``error`` when tables it needs were not imported

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None


@dataclass(frozen=True)
class TreeNodeValue:
    """A tree node's target computed top-down (逆算) and its forecast computed bottom-up."""

    kpi_id: str
    target: float | None
    required: float | None  # from the KGI target down through the tree
    actual: float | None
    forecast: float | None  # from actual rates up to the KGI
    rounding: str | None = None  # how counts were rounded, stated for the reader


@dataclass(frozen=True)
class Histogram:
    """Counts per bin; ``edges`` has one more element than ``counts``."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class SlaReport:
    sla_id: str
    deadline_business_hours: float
    speed_to_lead_hours: Histogram  # business hours from hand-off to first contact
    compliance_by_week: tuple[Point, ...]
    compliance_by_team: tuple[SegmentValue, ...]
    score_distribution: Histogram
    threshold: int
    recorded_mqls: int
    rule_derived_mqls: int
    both: int  # leads that are MQL by record and by rule
    compliance_by_quarter: tuple[Point, ...] = ()  # the by-team table's totals (its window is a quarter)


@dataclass(frozen=True)
class FunnelStage:
    stage: str  # leads, mql, sql, opportunity, won
    count: int
    conversion_from_previous: float | None


@dataclass(frozen=True)
class Funnel:
    """Volumes and stage-to-stage conversion by lead-creation cohort, overall and per channel."""

    overall: tuple[FunnelStage, ...]
    by_channel: dict[str, tuple[FunnelStage, ...]] = field(default_factory=dict)
    unrecorded: tuple[str, ...] = ()  # stages whose column holds no value at all: left out, not 0


@dataclass(frozen=True)
class MeasurementSet:
    """Everything measured for one (definitions, data) pair; a pure function of the two."""

    as_of: dt.date
    data_fingerprint: str
    kpis: dict[str, KpiMeasurement]
    tree: tuple[TreeNodeValue, ...] = ()
    funnel: Funnel | None = None
    slas: tuple[SlaReport, ...] = ()
