"""References in prose: a rationale or a review note cites a figure instead of typing it.

Syntax (documented in the README, "Definitions"): ``{{kpi_id@period}}`` prints the KPI's measured value
of that period, ``{{kpi_id@target}}`` the target in force. Periods are spelled as the series labels them:

- month ``2026-08``, ISO week ``2026-W14``, fiscal quarter ``FY2026-Q1``, fiscal year ``FY2026``.

Parsed with one regular expression over plain text; nothing inside the braces is ever evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

TARGET = "target"

# Anything between double braces is a reference attempt (so a typo is reported, never printed as is).
REFERENCE = re.compile(r"\{\{(?P<body>[^{}\n]{0,200})\}\}")
_BODY = re.compile(r"\s*(?P<kpi>[A-Za-z0-9_]+)\s*@\s*(?P<period>[A-Za-z0-9_-]+)\s*")
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(r"\d{4}-(0[1-9]|1[0-2])")),
    ("week", re.compile(r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])")),
    ("quarter", re.compile(r"FY\d{4}-Q[1-4]")),
    ("fiscal_year", re.compile(r"FY\d{4}")),
)

Problem = Literal["syntax", "period"]


@dataclass(frozen=True)
class Reference:
    """One ``{{…}}`` as written; ``problem`` says why it cannot be read (then kpi_id may be empty)."""

    raw: str
    kpi_id: str
    period: str  # a series label, or "target"
    grain: str | None  # month, week, quarter, fiscal_year; None for the target
    problem: Problem | None = None

    @property
    def is_target(self) -> bool:
        return self.period == TARGET


def period_grain(period: str) -> str | None:
    """The grain a period label is spelled in, or None when it is no period label."""
    return next((grain for grain, pattern in _PERIODS if pattern.fullmatch(period)), None)


def parse_reference(raw: str) -> Reference:
    """``{{mql_to_sql_rate@2026-08}}`` → the KPI and the period; a malformed one carries its problem."""
    body = REFERENCE.fullmatch(raw)
    match = _BODY.fullmatch(body.group("body")) if body else None
    if match is None:
        return Reference(raw, "", "", None, "syntax")
    kpi_id, period = match.group("kpi"), match.group("period")
    if period == TARGET:
        return Reference(raw, kpi_id, TARGET, None)
    grain = period_grain(period)
    return Reference(raw, kpi_id, period, grain, None if grain else "period")


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``, in order."""
    return [parse_reference(match.group(0)) for match in REFERENCE.finditer(text)]


def substitute(text: str, show: Callable[[Reference], str]) -> str:
    """``text`` with each reference replaced by ``show(reference)``: plain text in, plain text out."""
    return REFERENCE.sub(lambda match: show(parse_reference(match.group(0))), text)


def without_references(text: str) -> str:
    """``text`` with every reference blanked out (a cited figure is not a typed one)."""
    return REFERENCE.sub(lambda match: " " * len(match.group(0)), text)
