"""The home page's cards: the KGI to date, then one card per KPI grouped by funnel stage.

A card says what the status table says for one KPI — the judged (latest complete) value and period,
the status and 前期比 — plus the shape of its last 12 periods as a sparkline. The cards are Markdown
inside ``<div markdown>`` blocks, so the KPI links are rewritten by the site builder like every other
link; the sparkline is inline SVG built here from numbers only (labels escaped).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..formatting import STAGE_LABELS, STAGE_ORDER, StatusBadge, format_kpi_value, format_value
from ..links import Links
from ..money_shown import reader_money
from ..sparkline import SPARK_PERIODS, spark_points, sparkline_svg
from ..views import KpiView, to_date_text


@dataclass(frozen=True)
class Amount:
    """A figure as a card shows it (6.4億円) and, when shortened, in full for its tooltip."""

    text: str
    exact: str | None = None


@dataclass(frozen=True)
class KpiCard:
    link: Markup
    value: Amount
    period: str  # the judged period, as a reader says it
    status: StatusBadge
    change: str  # 前期比
    spark: Markup

    @property
    def tone(self) -> str:
        """The card's CSS modifier: its status code."""
        return self.status.code.replace("_", "-")


@dataclass(frozen=True)
class StageCards:
    stage: str
    label: str
    cards: list[KpiCard]


@dataclass(frozen=True)
class KgiCard:
    card: KpiCard
    span: str  # 「2026年度(2026年4月〜2026年8月 の 5期間)」
    actual: Amount
    pace: Amount
    achievement: str  # actual ÷ pace
    forecast: Amount
    full: Amount  # the span's whole target
    progress: str  # actual ÷ the whole target
    deadline: str
    withheld: bool  # a failed check on its inputs: no year to date
    tree_forecast: Amount = Amount("—")  # bottom-up from the tree's trailing-year rates


def _amount(view: KpiView, value: float | None, near: tuple[float | None, ...] = ()) -> Amount:
    text, exact = reader_money(view.kpi, value, near)
    return Amount(text, exact)


def kpi_card(view: KpiView, links: Links) -> KpiCard:
    """One KPI's card; a data problem withholds the value and the sparkline alike."""
    value = Amount(view.value_text) if view.problems else _amount(view, view.value, view.judging_bounds)
    readings = () if view.problems or view.readings is None else view.readings.series
    label = f"{view.kpi.name} の直近{SPARK_PERIODS}期間の推移(灰色は途中・成熟中の期間)"
    return KpiCard(
        link=view.link(links),
        value=value,
        period=view.period,
        status=view.status,
        change=view.previous_change_text,
        spark=sparkline_svg(spark_points(readings), label),
    )


def stage_cards(views: list[KpiView], links: Links) -> list[StageCards]:
    """The KPIs' cards by funnel stage, in funnel order; a stage without KPIs is left out."""
    groups = []
    for stage in STAGE_ORDER:
        cards = [kpi_card(v, links) for v in views if v.kpi.stage == stage]
        if cards:
            groups.append(StageCards(stage, STAGE_LABELS[stage], cards))
    return groups


def kgi_card(view: KpiView, links: Links, tree_forecast: float | None = None) -> KgiCard:
    """The KGI's card: its judged period like any KPI, and the fiscal year to date with pace and forecast."""
    card = kpi_card(view, links)
    fiscal = view.to_date
    text = to_date_text(view)
    none = Amount("—")
    if view.problems or fiscal is None or text is None:
        tree = none if view.problems else _amount(view, tree_forecast)
        return KgiCard(
            card, "", none, none, "—", none, none, "—", view.deadline_text, bool(view.problems), tree
        )
    # A rate to date is compared with the target as it is: no pace of a total, no forecast.
    pace = Amount(format_kpi_value(view.kpi, fiscal.pace)) if fiscal.is_rate else _amount(view, fiscal.pace)
    return KgiCard(
        card=card,
        span=text.span,
        actual=_amount(view, fiscal.actual, (fiscal.pace,)),  # as the KPI page writes it
        pace=pace,
        achievement=text.achievement,
        forecast=_amount(view, fiscal.forecast, (fiscal.full,)),
        full=_amount(view, fiscal.full),
        progress="—" if fiscal.is_rate else progress_text(fiscal.actual, fiscal.full),
        deadline=view.deadline_text,
        withheld=False,
        tree_forecast=_amount(view, tree_forecast),
    )


def progress_text(actual: float | None, full: float) -> str:
    """The year's actual over the year's target: 「48.2%」."""
    if actual is None or full <= 0:
        return "—"
    return format_value(actual / full, "percent", 1)
