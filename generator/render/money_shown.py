"""Money as a reader meets it in tables, sentences and chart tooltips: 6.4億円, the exact yen one hover away.

The short form is the dashboard card's (``money_text.short_money``), so a table, a card and the chart
axis beside them read alike. Other currencies and amounts below 1万 stay in full. A value is written in
full when its short form would equal the short form of a bound it is judged against while the two
differ (¥599,990,000 against 「6億円以上」 would read 6億円 / 6億円以上 / 未達): rounding must never make a
status look wrong. What is judged does not change here — only how money is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from markupsafe import Markup, escape

from ..model.kpi import Kpi, Target
from .formatting import displayed, format_bound, format_change, format_kpi_value, share_note
from .money_text import short_money
from .text import md_text

HOVER = Markup('<span class="kpi-amount" title="{}">{}</span>')  # the dashboard card's hover, reused


def reader_money(kpi: Kpi, value: float | None, near: Iterable[float | None] = ()) -> tuple[str, str | None]:
    """The amount as shown and, when shortened, in full: (「6.4億円」, 「¥635,110,000」)."""
    exact = format_kpi_value(kpi, value)
    short = _short(kpi, value)
    if value is None or short is None or _collides(kpi, value, short, near):
        return exact, None
    return short, exact


def money_markup(kpi: Kpi, value: float | None, near: Iterable[float | None] = ()) -> Markup:
    """A value for a page: 「6.4億円」 with the exact yen in its hover text; escaped either way."""
    shown, exact = reader_money(kpi, value, near)
    return _hover(shown, exact)


def bound_markup(kpi: Kpi, bound: float | None) -> Markup:
    """A target or threshold for a page, in the same units as the values it judges."""
    if bound is None:
        return md_text("—")
    short = _short(kpi, bound)
    return _hover(short, format_bound(kpi, bound)) if short else md_text(format_bound(kpi, bound))


def change_markup(kpi: Kpi, before: float | None, after: float | None) -> Markup:
    """前期比 in the values' units: 「+1,250万円」 (the exact difference in the hover text)."""
    exact = format_change(kpi, before, after)
    if kpi.unit != "yen" or before is None or after is None:
        return md_text(exact)
    shown_before, shown_after = (displayed(v, kpi.unit, kpi.decimals) for v in (before, after))
    if shown_before is None or shown_after is None:
        return md_text(exact)
    delta = float(Decimal(repr(shown_after)) - Decimal(repr(shown_before)))
    short = short_money(abs(delta), kpi.currency)
    if short is None:
        return md_text(exact)
    return _hover(("+" if delta > 0 else "-") + short, exact)


def share_markup(kpi: Kpi, target: Target, bound: float) -> Markup | None:
    """「年度目標 5億円 を均等に配分」: ``share_note`` with the whole target written like other amounts."""
    note = share_note(kpi, target, bound)
    if note is None:
        return None
    before, found, after = note.partition(format_kpi_value(kpi, target.value))
    return md_words(before, money_markup(kpi, target.value), after) if found else md_words(note)


def tooltip_money(kpi: Kpi, value: float | None) -> str:
    """A chart tooltip's 「表示」: 「6.4億円(¥635,110,000)」, or the value in full when not shortened."""
    exact = format_kpi_value(kpi, value)
    short = _short(kpi, value)
    return exact if short is None else f"{short}({exact})"


def bound_text(kpi: Kpi, bound: float) -> str:
    """A bound as plain text (a chart's target label): 「6億円」, in full below 1万 or in another currency."""
    return _short(kpi, bound) or format_bound(kpi, bound)


def tooltip_bound(kpi: Kpi, bound: float) -> str:
    exact = format_bound(kpi, bound)
    short = _short(kpi, bound)
    return exact if short is None else f"{short}({exact})"


def md_words(*parts: str) -> Markup:
    """Text and money joined as written: plain parts Markdown-escaped with their spaces kept."""
    return Markup("").join(
        part if isinstance(part, Markup) else Markup(" ").join(md_text(word) for word in part.split(" "))
        for part in parts
    )


def _short(kpi: Kpi, value: float | None) -> str | None:
    if value is None or kpi.unit != "yen":
        return None
    return short_money(value, kpi.currency)


def _collides(kpi: Kpi, value: float, short: str, near: Iterable[float | None]) -> bool:
    """The value would read like a bound it differs from (both 6億円): then it is written in full."""
    exact = format_kpi_value(kpi, value)
    return any(
        bound is not None and _short(kpi, bound) == short and format_bound(kpi, bound) != exact
        for bound in near
    )


def _hover(shown: str, exact: str | None) -> Markup:
    if exact is None:
        return md_text(shown)
    return HOVER.format(escape(exact), md_text(shown))
