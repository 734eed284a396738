"""The MQL/SQL SLA contract between marketing, inside sales and sales."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import ChangelogEntry, Identifier, NonEmptyText, ShortText, Spec

# Quoted "HH:MM" text: unquoted 9:00 is a base-60 integer in YAML 1.1.
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class AttributeCriterion(Spec):
    """A lead attribute the MQL (or SQL) must have, as a restricted filter over ``leads``."""

    id: Identifier
    label: ShortText
    filter: str


class ScoringRule(Spec):
    """Points a lead earns for an attribute or a behaviour (one activity type, optionally filtered)."""

    id: Identifier
    label: ShortText
    points: int = Field(ge=-1000, le=1000)
    activity: Identifier | None = Field(default=None, description="activity type, e.g. download")
    filter: str | None = Field(default=None, description="extra filter on activities or leads")
    max_times: int = Field(default=1, ge=1, le=100)


class Decay(Spec):
    """Behaviour points lose ``percent`` every ``every_days`` days, so old interest fades."""

    every_days: int = Field(ge=1, le=365)
    percent: float = Field(gt=0, le=100)


class Scoring(Spec):
    rules: list[ScoringRule] = Field(min_length=1)
    threshold: int = Field(ge=1, le=1_000_000)
    decay: Decay | None = None
    review_cycle: ShortText


class HotLeadTrigger(Spec):
    """A behaviour that hands a lead off at once, whatever its score."""

    id: Identifier
    label: ShortText
    activity: Identifier
    filter: str | None = None


class Disqualifier(Spec):
    id: Identifier
    label: ShortText
    filter: str


class LeadDefinition(Spec):
    """The agreed definition of MQL or SQL: who agreed, in words and as criteria."""

    summary: NonEmptyText
    agreed_by: list[Identifier] = Field(min_length=2)
    criteria: list[AttributeCriterion] = []


class Handoff(Spec):
    trigger: NonEmptyText
    attached_information: list[ShortText] = Field(min_length=1)


class BusinessCalendar(Spec):
    """Business hours for response deadlines; public holidays come from a maintained library."""

    timezone: Literal["Asia/Tokyo"] = "Asia/Tokyo"
    country: Literal["JP"] = "JP"
    workdays: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
    opens: ClockTime = "09:00"
    closes: ClockTime = "18:00"
    extra_closed_days: list[dt.date] = []


class ResponseDeadline(Spec):
    business_hours: float = Field(gt=0, le=400)
    hot_lead_business_hours: float | None = Field(default=None, gt=0, le=400)


class FollowUp(Spec):
    attempts: int = Field(ge=1, le=50)
    within_business_days: int = Field(ge=1, le=90)


class RecycleRule(Spec):
    id: Identifier
    when: NonEmptyText
    then: NonEmptyText


class Signatory(Spec):
    team: Identifier
    person: ShortText
    role: ShortText
    signed_on: dt.date


class Sla(Spec):
    """The whole contract: definitions, scoring, hand-off, deadlines, feedback, meetings, signatures."""

    id: Identifier
    name: ShortText
    version: ShortText
    effective_from: dt.date
    effective_until: dt.date | None = None
    mql: LeadDefinition
    sql: LeadDefinition
    scoring: Scoring
    hot_lead_triggers: list[HotLeadTrigger] = []
    disqualifiers: list[Disqualifier] = []
    handoff: Handoff
    calendar: BusinessCalendar
    response_deadline: ResponseDeadline
    follow_up: FollowUp
    recycle: list[RecycleRule] = []
    feedback_loop: list[NonEmptyText] = Field(min_length=1)
    meetings: list[NonEmptyText] = Field(min_length=1)
    responsibilities: dict[Identifier, NonEmptyText] = {}
    signatories: list[Signatory] = Field(min_length=2)
    changelog: list[ChangelogEntry] = Field(
        default=[], description="Why the contract changed (approves a breaking change in kpi diff)"
    )
