"""Money as Japanese reports write it on a card: 6.4億円, 1,250万円 — the exact amount kept for a tooltip.

The precision is the chart axes' (see ``chart_specs/formatting.py``): 億 with one decimal, 万 as a
whole number from 100万 (below it one decimal: 1.4万円), so a card and the chart next to it read alike.
Below 1万 and for currencies other than JPY the amount is written in full.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ..model.kpi import Kpi
from .formatting import format_kpi_value

OKU = 100_000_000
MAN = 10_000


def short_money(value: float, currency: str | None = None) -> str | None:
    """「6.4億円」「1,250万円」; ``None`` when the amount is better written in full (small, or not yen)."""
    if (currency or "JPY") != "JPY" or not math.isfinite(value) or abs(value) < MAN:
        return None
    sign = "-" if value < 0 else ""
    amount = Decimal(repr(abs(value)))
    if amount >= OKU:
        shown = (amount / OKU).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{sign}{shown:,.1f}".removesuffix(".0") + "億円"
    if amount < 100 * MAN:  # 1.4万円: a whole 万 would say 1万 for ¥14,277
        shown = (amount / MAN).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{sign}{shown:,.1f}".removesuffix(".0") + "万円"
    shown = (amount / MAN).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if shown >= MAN:  # 9,999.6万 rounds to 1億
        return f"{sign}1億円"
    return f"{sign}{shown:,.0f}万円"


def written_value(kpi: Kpi, value: float | None) -> str:
    """A value in running text, where no hover can carry the exact amount: 「500万円」「6.4億円」 for yen,
    the KPI's own format otherwise (「20.0%」「100件」「US$1,200」)."""
    if value is not None and kpi.unit == "yen":
        short = short_money(value, kpi.currency)
        if short is not None:
            return short
    return format_kpi_value(kpi, value)
