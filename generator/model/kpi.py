"""A KPI definition: one file in ``metrics/``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .base import Amount, ChangelogEntry, CurrencyCode, Identifier, NonEmptyText, ShortText, Spec
from .compute import Compute

Stage = Literal["top", "middle", "bottom", "sla", "any"]
Kind = Literal["volume", "rate", "currency", "duration", "ratio"]
Unit = Literal["percent", "yen", "count", "days", "hours", "points", "ratio", "times"]
Grain = Literal["week", "month", "quarter", "fiscal_year"]
Phase = Literal["getting_started", "operating", "advanced"]
Cadence = Literal["per_send", "per_event", "weekly", "monthly", "quarterly"]
Direction = Literal["at_least", "at_most"]
TreeLevel = Literal["kgi", "kpi", "activity"]
TargetPeriod = Literal["fiscal_year", "quarter", "month", "week", "cumulative"]
Combine = Literal["product", "sum", "ratio", "contributes"]
Segment = Literal["channel", "campaign", "industry", "company_size", "owner_team"]

UNIT_SYMBOLS: dict[str, str] = {
    "percent": "%",
    "yen": "¥",
    "count": "件",
    "days": "日",
    "hours": "時間",
    "points": "pt",
    "ratio": "倍",
    "times": "回",  # attempts, sends, contacts: how many times something was done
}


class Owner(Spec):
    team: Identifier
    person: ShortText


class Target(Spec):
    """A SMART target: a value, a deadline and a direction, with what exactly it covers."""

    value: Amount
    deadline: dt.date
    direction: Direction
    period: TargetPeriod | None = Field(
        default=None,
        description="The span the value is a total for: a fiscal year's, a quarter's, a month's, a week's,"
        " or cumulative from `start` to the deadline. A count's or an amount's target needs one (TGT001);"
        " a rate's, a ratio's or a duration's holds for any period and may name the one it is set on.",
    )
    start: dt.date | None = Field(default=None, description="Where a cumulative target starts counting")
    seasonality: list[Annotated[float, Field(gt=0, le=1_000_000)]] | None = Field(
        default=None,
        min_length=12,
        max_length=12,
        description="Weights of the fiscal year's twelve months, April first, for a fiscal-year target:"
        " a month's share is its weight over the sum (evenly when absent)",
    )
    scope: ShortText = Field(description="Specific: which leads, channel or period the target covers")
    rationale: NonEmptyText | None = None


class Thresholds(Spec):
    """Status bands: at or better than ``on_track`` is on track, at or better than ``at_risk`` is at risk."""

    on_track: Amount
    at_risk: Amount


class TreePlace(Spec):
    """Where the KPI sits in the tree and, for a parent, how its children combine."""

    level: TreeLevel
    parent: Identifier | None = None
    ksf: Identifier | None = None
    combine: Combine | None = None
    role: Literal["numerator", "denominator"] | None = None


class RangeCheck(Spec):
    check: Literal["between"]
    min: Amount | None = None
    max: Amount | None = None


class NoMissingPeriods(Spec):
    check: Literal["no_missing_periods"]


class LatestPeriodPresent(Spec):
    check: Literal["latest_period_present"]


class NotNull(Spec):
    check: Literal["not_null"]


class MinimumVolume(Spec):
    """The denominator (or count) of the latest period must reach ``min`` for the value to be trusted."""

    check: Literal["minimum_volume"]
    min: int = Field(ge=1, le=1_000_000_000)


KpiCheck = Annotated[
    RangeCheck | NoMissingPeriods | LatestPeriodPresent | NotNull | MinimumVolume,
    Field(discriminator="check"),
]


class ReferenceFigure(Spec):
    """A published figure for context; always with its source and caveat."""

    figure: NonEmptyText
    source: ShortText
    caveat: NonEmptyText


class Review(Spec):
    """A KPI review entry: status → cause → improvement → next action."""

    date: dt.date
    observation: NonEmptyText
    cause: NonEmptyText
    action: NonEmptyText
    owner: ShortText
    due: dt.date
    done: bool = False


class Kpi(Spec):
    """One KPI: what it means, how it is computed, its target and its data checks."""

    id: Identifier
    name: ShortText
    name_en: ShortText
    aliases: list[ShortText] = []
    description: NonEmptyText
    stage: Stage
    kind: Kind
    unit: Unit
    decimals: int = Field(default=0, ge=0, le=4)
    currency: CurrencyCode | None = Field(
        default=None,
        description="A money KPI's currency (ISO 4217); when omitted, that of the money column it reads"
        " (sources.yml), else JPY",
    )
    grain: Grain
    compute: Compute
    denominator_note: NonEmptyText | None = Field(
        default=None, description="Which denominator is used (sent vs delivered…) and why"
    )
    params: dict[Identifier, Amount] = {}
    segments: list[Segment] = []
    owner: Owner
    phase: Phase
    cadence: Cadence
    targets: list[Target] = []
    thresholds: Thresholds | None = None
    tree: TreePlace
    checks: list[KpiCheck] = []
    references: list[ReferenceFigure] = []
    terms: list[ShortText] = []
    pair: Identifier | None = Field(default=None, description="The quality KPI paired with this volume KPI")
    reviews: list[Review] = []
    changelog: list[ChangelogEntry] = Field(
        default=[], description="Why the definition changed (approves a breaking change in kpi diff)"
    )
