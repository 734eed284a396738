"""Turn one chunk of generated arrays into the canonical tables' Arrow columns (names as in sources.yml)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .campaigns import COST_CATEGORIES, PROGRAMS, Calendar, CostRows
from .config import CHANNELS, COMPANY_SIZES, INDUSTRIES, PAGE_CATEGORIES, TEAMS, Ints, Times
from .events import ACTIVITY_TYPES, ActivityBlock
from .funnel import Mqls
from .leads import Leads
from .sales import FEEDBACK, OUTCOMES, STAGES, TRIGGERS, Deals, Handoffs, Stages
from .text import Coded, PersonalFields, fixed_width_ids

Columns = dict[str, pa.Array]


@dataclass(frozen=True)
class Ids:
    """Id labels shared by every chunk."""

    campaigns: tuple[str, ...]
    sends: tuple[str, ...]

    @classmethod
    def of(cls, calendar: Calendar) -> Ids:
        campaigns = fixed_width_ids("CP", np.arange(1, len(calendar.campaigns) + 1), 3).to_pylist()
        sends = fixed_width_ids("S", np.arange(1, len(calendar.send_at) + 1), 4).to_pylist()
        return cls(tuple(campaigns), tuple(sends))


def timestamps(values: Times) -> pa.Array:
    """Naive local timestamps at microsecond precision; NaT becomes null."""
    return pa.array(values.astype("datetime64[us]"), type=pa.timestamp("us"))


def lead_ids(leads: Leads) -> pa.StringArray:
    return fixed_width_ids("L", leads.number, 8)


def leads_columns(leads: Leads, mqls: Mqls, stages: Stages, people: PersonalFields, ids: Ids) -> Columns:
    return {
        "lead_id": lead_ids(leads),
        "created_at": timestamps(leads.created_at),
        "channel": Coded(leads.channel, CHANNELS).to_arrow(),
        "campaign_id": Coded(leads.campaign, ids.campaigns).to_arrow(),
        "industry": Coded(leads.industry, INDUSTRIES).to_arrow(),
        "is_target_industry": pa.array(leads.is_target),
        "company_size": Coded(leads.size, COMPANY_SIZES).to_arrow(),
        "mql_at": timestamps(mqls.mql_at),
        "sql_at": timestamps(stages.sql_at),
        "opportunity_at": timestamps(stages.opportunity_at),
        "won_at": timestamps(stages.won_at),
        "lost_at": timestamps(stages.lost_at),
        "owner_team": Coded(leads.team, TEAMS).to_arrow(),
        "name": people.name,
        "email": people.email,
        "company": people.company,
        "phone": people.phone,
    }


def activities_columns(block: ActivityBlock, leads: Leads, first_number: int, ids: Ids) -> Columns:
    numbers = first_number + np.arange(len(block.lead), dtype=np.int64)
    return {
        "activity_id": fixed_width_ids("A", numbers, 10),
        "lead_id": pc.take(lead_ids(leads), pa.array(block.lead)),
        "occurred_at": timestamps(block.at),
        "type": Coded(block.type, ACTIVITY_TYPES).to_arrow(),
        "send_id": Coded(block.send, ids.sends).to_arrow(),
        "campaign_id": Coded(block.campaign, ids.campaigns).to_arrow(),
        "is_machine_open": pa.array(block.machine == 1, mask=block.machine < 0),
        "page_category": Coded(block.page, PAGE_CATEGORIES).to_arrow(),
    }


def handoffs_columns(handoffs: Handoffs, leads: Leads, first_number: int) -> Columns:
    order = np.argsort(handoffs.handed_off_at, kind="stable")
    numbers = first_number + np.arange(len(order), dtype=np.int64)

    def coded(values: Ints, labels: tuple[str, ...]) -> pa.Array:
        return Coded(values[order], labels).to_arrow()

    return {
        "handoff_id": fixed_width_ids("H", numbers, 7),
        "lead_id": pc.take(lead_ids(leads), pa.array(handoffs.lead[order])),
        "handed_off_at": timestamps(handoffs.handed_off_at[order]),
        "trigger": coded(handoffs.trigger, TRIGGERS),
        "team": coded(handoffs.team, TEAMS),
        "first_contact_at": timestamps(handoffs.first_contact_at[order]),
        "attempts": pa.array(handoffs.attempts[order], type=pa.int64()),
        "outcome": coded(handoffs.outcome, OUTCOMES),
        "feedback": coded(handoffs.feedback, FEEDBACK),
    }


def deals_columns(deals: Deals, leads: Leads, first_number: int) -> Columns:
    numbers = first_number + np.arange(len(deals.lead), dtype=np.int64)
    return {
        "deal_id": fixed_width_ids("D", numbers, 7),
        "lead_id": pc.take(lead_ids(leads), pa.array(deals.lead)),
        "created_at": timestamps(deals.created_at),
        "stage": Coded(deals.stage, STAGES).to_arrow(),
        "amount_yen": pa.array(deals.amount_yen, type=pa.float64()),
        "gross_profit_yen": pa.array(deals.gross_profit_yen, type=pa.float64()),
        "is_won": pa.array(deals.is_won),
        "closed_at": timestamps(deals.closed_at),
    }


def campaigns_columns(calendar: Calendar, ids: Ids) -> Columns:
    campaigns = calendar.campaigns
    return {
        "campaign_id": pa.array(ids.campaigns),
        "name": pa.array([c.name for c in campaigns]),
        "program": Coded(np.array([PROGRAMS.index(c.program) for c in campaigns]), PROGRAMS).to_arrow(),
        "started_at": timestamps(np.array([c.started_at for c in campaigns], dtype="datetime64[s]")),
    }


def costs_columns(costs: CostRows, ids: Ids) -> Columns:
    return {
        "cost_id": fixed_width_ids("CO", np.arange(1, len(costs.amount_yen) + 1), 5),
        "incurred_at": timestamps(costs.incurred_at),
        "campaign_id": Coded(costs.campaign, ids.campaigns).to_arrow(),
        "category": Coded(costs.category, COST_CATEGORIES).to_arrow(),
        "amount_yen": pa.array(costs.amount_yen, type=pa.float64()),
    }
