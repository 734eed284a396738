"""CUR001 mixed-currencies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.issue import Issue
from ..model.kpi import Kpi
from ..model.project import Project
from .base import Rule
from .uses import kpi_references, table_reads

DEFAULT_CURRENCY = "JPY"  # a money KPI that names no currency and reads none (loading/currencies.py)


class MixedCurrencies(Rule):
    """A KPI adds, subtracts or divides money of one currency only: the money columns it reads (their
    ``currency`` in sources.yml) and the money KPIs it is computed from are all in the same one, and a
    currency written on the KPI is that one. Nothing converts between currencies, so 1 USD + 1 JPY
    would be shown as a number in neither.

    Bad (``deals.amount_usd`` is declared ``currency: USD``, ``marketing_spend`` is in yen)::

        compute: {measure: derived, expression: revenue_usd / marketing_spend}

    Good (both in one currency: convert the export before it is imported)::

        compute: {measure: derived, expression: revenue_usd / marketing_spend_usd}
    """

    code = "CUR001"
    name = "mixed-currencies"
    title_ja = "通貨を混ぜない"
    summary_ja = (
        "KPI が組み合わせる金額(読む金額の列と、計算に使う金額の KPI)がすべて同じ通貨であり、KPI に書いた"
        " currency もその通貨であること。通貨の換算はしません。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        kpis = {loaded.spec.id: loaded.spec for loaded in project.kpis}
        for kpi in project.kpis:
            found = dict(_money_inputs(kpi.spec, kpis, project))
            currencies = sorted(set(found.values()))
            if len(currencies) > 1:
                yield self.issue(kpi.at("compute"), *_mixed(found))
            elif currencies and kpi.spec.unit == "yen" and kpi.spec.currency not in (None, currencies[0]):
                yield self.issue(
                    kpi.at("currency"),
                    f"currency: {kpi.spec.currency} と書かれていますが、計算に使う金額はすべて"
                    f" {currencies[0]} です — currency を {currencies[0]} にするか、消してください",
                    f"currency: {kpi.spec.currency} is written, but the money it is computed from is all in"
                    f" {currencies[0]} — write {currencies[0]} or leave currency out",
                )


def _money_inputs(kpi: Kpi, kpis: dict[str, Kpi], project: Project) -> Iterator[tuple[str, str]]:
    """(what, currency) for each input whose currency is known: a column that declares one, and every
    money KPI it is computed from (yen when it names none)."""
    for read in table_reads(kpi):
        table = project.table(read.table)
        for use in read.columns:
            column = table.column(use.column) if table else None
            if column is not None and column.currency and use.expects == "numeric":
                yield f"{read.table}.{column.name}", column.currency
    for name, _path in kpi_references(kpi):
        other = kpis.get(name)
        if other is not None and other.unit == "yen":
            yield name, other.currency or DEFAULT_CURRENCY


def _mixed(found: dict[str, str]) -> tuple[str, str]:
    listed = "、".join(f"{what}({currency})" for what, currency in sorted(found.items()))
    listed_en = ", ".join(f"{what} ({currency})" for what, currency in sorted(found.items()))
    return (
        f"異なる通貨の金額を組み合わせています: {listed} — 通貨の換算はしないため、同じ通貨の列と KPI"
        " だけで計算してください(取り込む前に換算した列を使います)",
        f"money of different currencies is combined: {listed_en} — nothing converts between currencies;"
        " compute from columns and KPIs of one currency (convert the export before importing it)",
    )
