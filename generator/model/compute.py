"""The computation grammar: how a KPI is measured, declaratively. Nothing here is ever executed as Python.

Each measure names canonical tables and columns; filters are restricted expressions parsed by
:mod:`generator.model.filter_expr`; derived expressions are arithmetic over other KPI ids.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Identifier, Spec

Statistic = Literal["median", "p90", "mean"]
DurationUnit = Literal["days", "hours", "business_hours"]


class Count(Spec):
    """Rows (or distinct values of ``distinct``) of ``table`` in the period of ``time``, maybe filtered."""

    measure: Literal["count"]
    table: Identifier
    time: Identifier
    distinct: Identifier | None = None
    filter: str | None = None


class Sum(Spec):
    """Sum of ``column`` over rows of ``table`` in the period of ``time``."""

    measure: Literal["sum"]
    table: Identifier
    column: Identifier
    time: Identifier
    filter: str | None = None


class KpiRef(Spec):
    """Another KPI's value for the same period."""

    kpi: Identifier


Operand = Annotated[Count | Sum, Field(discriminator="measure")] | KpiRef


class Ratio(Spec):
    """numerator ÷ denominator for the same period (``scale`` 100 for points, 1 for a fraction)."""

    measure: Literal["ratio"]
    numerator: Operand
    denominator: Operand
    scale: float = Field(default=1.0, gt=0, le=1_000_000)


class Conversion(Spec):
    """Cohort conversion: of the rows entering at ``cohort`` in the period, the share reaching ``converted``
    within ``window_days`` (counted in the cohort's period, not the conversion's)."""

    measure: Literal["conversion"]
    table: Identifier
    cohort: Identifier
    converted: Identifier
    window_days: int = Field(ge=1, le=730)
    filter: str | None = None


class Derived(Spec):
    """Arithmetic over other KPIs of the same period and the KPI's own ``params``."""

    measure: Literal["derived"]
    expression: str = Field(min_length=1, max_length=500)


class Duration(Spec):
    """A statistic of the time between two timestamps of the same row, by the period of ``end``."""

    measure: Literal["duration"]
    table: Identifier
    start: Identifier
    end: Identifier
    statistic: Statistic
    unit: DurationUnit
    calendar: Identifier | None = Field(default=None, description="SLA id whose business calendar to use")
    filter: str | None = None


class ContinuousResponse(Spec):
    """Share of touched leads that responded to at least ``responded_at_least`` of their last ``touches``."""

    measure: Literal["continuous_response"]
    touches: int = Field(ge=1, le=100)
    responded_at_least: int = Field(ge=1, le=100)
    exclude_machine_opens: bool = True


class BrowsingAfterTouch(Spec):
    """Share of touched leads with ≥ ``page_views_at_least`` page views within ``within_days`` of a touch."""

    measure: Literal["browsing_after_touch"]
    page_views_at_least: int = Field(ge=1, le=1000)
    within_days: int = Field(ge=1, le=90)


class SlaCompliance(Spec):
    """Share of hand-offs first contacted within the SLA's response deadline (business hours)."""

    measure: Literal["sla_compliance"]
    sla: Identifier


class ScoreAtLeast(Spec):
    """Leads whose score under the SLA's scoring rules reaches its threshold (rule-derived MQLs)."""

    measure: Literal["score_at_least"]
    sla: Identifier


Compute = Annotated[
    Count
    | Sum
    | Ratio
    | Conversion
    | Derived
    | Duration
    | ContinuousResponse
    | BrowsingAfterTouch
    | SlaCompliance
    | ScoreAtLeast,
    Field(discriminator="measure"),
]
