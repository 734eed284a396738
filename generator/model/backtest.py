"""A scoring change back-tested lead by lead: how many of a quarter's MQLs it removes and adds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MqlBacktest:
    """Counts only, never a lead: ``None`` where a count is suppressed (``engine.backtest.suppressed``)."""

    sla_id: str  # HEAD's id
    quarter: str  # the latest complete fiscal quarter, e.g. FY2026-Q2
    before: int | None  # the quarter's rule-derived MQLs under BASE's definition
    after: int | None  # ... under HEAD's
    lost: int | None  # MQLs under BASE that are not under HEAD
    gained: int | None  # MQLs under HEAD that were not under BASE
