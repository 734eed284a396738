"""The sample generator's one entry point: draw each chunk of leads with everything that follows from them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..model.sources import Sources
from .activities import draw_after_mql, draw_behaviour, finish
from .campaigns import Calendar, cost_rows, marketing_calendar
from .clock import Period, lead_day_weights
from .config import CHUNK_LEADS, LEADS_PER_SCALE, Floats
from .funnel import record_mqls
from .intent import draw_intent, form_time
from .leads import draw_leads
from .sales import draw_sales
from .scoring import score_readiness
from .tables import (
    Columns,
    Ids,
    activities_columns,
    campaigns_columns,
    costs_columns,
    deals_columns,
    handoffs_columns,
    leads_columns,
)
from .text import PersonPool, personal_fields
from .webinars import draw_webinars
from .writer import SampleError, TableWriters

Progress = Callable[[int, int], None]  # (chunks done, chunks in all)
TABLE_ORDER = ("leads", "activities", "handoffs", "deals", "campaigns", "costs")


@dataclass(frozen=True)
class SampleResult:
    rows: dict[str, int]
    files: dict[str, Path]


@dataclass(frozen=True)
class _World:
    """What every chunk shares: the period, the marketing calendar, ids, the person pool."""

    seed: int
    period: Period
    calendar: Calendar
    ids: Ids
    pool: PersonPool
    day_weights: Floats


@dataclass
class _Counters:
    activities: int = 1
    handoffs: int = 1
    deals: int = 1


def lead_count(scale: float) -> int:
    return max(1, round(LEADS_PER_SCALE * scale))


def sample_as_of(sources: Sources) -> dt.date:
    if sources.as_of is None:
        raise SampleError(
            'sources.yml に as_of(サンプルの基準日)がありません — 例: as_of: "2026-09-30"',
            'sources.yml has no as_of (the sample\'s as-of date) — e.g. as_of: "2026-09-30"',
        )
    try:
        return dt.date.fromisoformat(sources.as_of)
    except ValueError:
        raise SampleError(
            f"sources.yml の as_of が日付ではありません: {sources.as_of} — YYYY-MM-DD で書いてください",
            f"sources.yml as_of is not a date: {sources.as_of} — write it as YYYY-MM-DD",
        ) from None


def generate_sample(
    sources: Sources, out_dir: Path, *, scale: float, seed: int, progress: Progress | None = None
) -> SampleResult:
    """Write every canonical table of ``sources``: one year up to its as-of date; same inputs, same bytes."""
    period = Period.ending(sample_as_of(sources))
    calendar = marketing_calendar(period)
    world = _World(seed, period, calendar, Ids.of(calendar), PersonPool.draw(seed), lead_day_weights(period))
    total = lead_count(scale)
    chunks = math.ceil(total / CHUNK_LEADS)
    writers = TableWriters(sources, out_dir)
    counters = _Counters()
    try:
        for chunk in range(chunks):
            first = chunk * CHUNK_LEADS
            for table_id, columns in _chunk(
                world, chunk, first + 1, min(CHUNK_LEADS, total - first), counters
            ):
                writers.write(table_id, columns)
            if progress is not None:
                progress(chunk + 1, chunks)
        writers.write("campaigns", campaigns_columns(calendar, world.ids))
        costs = cost_rows(calendar, period, scale, np.random.default_rng([seed, 1 << 30]))
        writers.write("costs", costs_columns(costs, world.ids))
        files = writers.commit()
    except BaseException:
        writers.abort()
        raise
    return SampleResult(dict(writers.rows), files)


def _chunk(
    world: _World, chunk: int, first_number: int, count: int, counters: _Counters
) -> list[tuple[str, Columns]]:
    """All tables' rows for ``count`` leads; the chunk's random stream depends only on (seed, chunk)."""
    rng = np.random.default_rng([world.seed, chunk])
    period, calendar = world.period, world.calendar
    leads = draw_leads(rng, period, calendar, world.day_weights, first_number, count)
    form_at = form_time(leads, rng)
    intent = draw_intent(rng, period, leads)
    webinars = draw_webinars(rng, period, calendar, leads, form_at)
    before = draw_behaviour(rng, period, calendar, leads, form_at, intent, webinars)
    mqls = record_mqls(rng, period, leads, score_readiness(period, leads, before))
    after = draw_after_mql(rng, period, calendar, leads, mqls.mql_at)
    activities = finish(period, [before, after])
    handoffs, deals, stages = draw_sales(rng, period, leads, mqls, webinars)
    people = personal_fields(world.pool, leads.number, rng)
    tables = [
        ("leads", leads_columns(leads, mqls, stages, people, world.ids)),
        ("activities", activities_columns(activities, leads, counters.activities, world.ids)),
        ("handoffs", handoffs_columns(handoffs, leads, counters.handoffs)),
        ("deals", deals_columns(deals, leads, counters.deals)),
    ]
    counters.activities += len(activities.lead)
    counters.handoffs += len(handoffs.lead)
    counters.deals += len(deals.lead)
    return tables
