"""One page per KPI: meaning, formula, target and status, trend, segments, checks, reviews, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ...measures.registry import sums_over_time
from ...model.kpi import Kpi, Review
from ...model.readings import Reading
from ...model.target_shares import period_target, target_for
from ..chart_slots import kpi_charts
from ..environment import render
from ..formatting import (
    CADENCE_LABELS,
    DIRECTION_LABELS,
    GRAIN_LABELS,
    KIND_LABELS,
    PHASE_LABELS,
    STAGE_LABELS,
    StatusBadge,
    format_date,
    judge,
    judging_bounds,
)
from ..formula import FormulaWriter
from ..inputs import Change, SiteInputs
from ..kpi_csv import csv_paths
from ..links import PHASES, TREE, Links, kpi_page
from ..money_shown import bound_markup, md_words, money_markup
from ..period_text import period_name
from ..references import rationale_text, resolved_review
from ..review_dates import next_review_text, team_contact
from ..text import md_link
from ..views import KpiView, ToDateText, kpi_maturity, kpi_view, phase_text, team_name, to_date_text
from .common import CheckRow, check_rows, related_terms
from .segment_tables import SegmentTable, segment_period_text, segment_tables

TREND_ROWS = 13  # a year of months plus the same month last year


@dataclass(frozen=True)
class TrendRow:
    period: str
    value: str
    numerator: str
    denominator: str
    target: str
    state: str  # 順調 / 要注意 / 未達 for a complete period; 途中 / 成熟中 (never judged) otherwise


@dataclass(frozen=True)
class ReviewRow:
    review: Review
    state: str


@dataclass(frozen=True)
class KpiPageContext:
    view: KpiView
    kpi: Kpi
    facts: list[tuple[str, Markup | str]]
    formula: Markup
    params: list[tuple[str, str]]
    targets: list[dict[str, str]]
    thresholds: str | None
    pair: Markup | None
    error: str | None
    trend: list[TrendRow]
    trend_chart: Markup
    segment_tables: list[SegmentTable]
    segment_period: str  # which quarter the segment tables are measured on, in words
    checks: list[CheckRow]
    declared_checks: list[str]
    terms: list[Markup]
    reviews: list[ReviewRow]
    history: tuple[Change, ...]
    value: str
    tree_link: str
    problems: list[Markup]  # the failed checks withholding the value, linked to the quality page
    maturity_days: int
    to_date: ToDateText | None
    downloads: list[Markup]  # the CSV links; none while a data problem withholds the numbers


def render_kpi_page(kpi: Kpi, inputs: SiteInputs) -> str:
    return render("kpi.md.j2", page=kpi_context(kpi, inputs))


def kpi_context(kpi: Kpi, inputs: SiteInputs) -> KpiPageContext:
    links = Links(kpi_page(kpi.id))
    view = kpi_view(kpi, inputs)
    measurement = view.measurement
    as_of = inputs.measurements.as_of
    charts = kpi_charts(kpi, measurement, as_of, kpi_maturity(kpi, inputs.project), inputs.chart_cache)
    return KpiPageContext(
        view=view,
        kpi=kpi,
        facts=_facts(kpi, inputs, links),
        formula=FormulaWriter(inputs.project, links).formula(kpi),
        params=[(name, f"{value:g}") for name, value in sorted(kpi.params.items())],
        targets=[
            {
                "value": money_markup(kpi, t.value),
                "direction": DIRECTION_LABELS[t.direction],
                "deadline": format_date(t.deadline),
                "scope": t.scope,
                "rationale": rationale_text(kpi, t, inputs) or "—",
            }
            for t in sorted(kpi.targets, key=lambda t: t.deadline)
        ],
        thresholds=_thresholds(kpi, view),
        pair=_pair(kpi, inputs, links),
        error=measurement.error if measurement else "計測結果がありません",
        # A data problem withholds every number measured from the failing inputs, not just the latest.
        trend=_trend_rows(kpi, view),
        trend_chart=Markup("") if view.problems else charts.trend,
        segment_tables=[]
        if view.problems
        else segment_tables(kpi, measurement.segments if measurement else (), inputs.k_anonymity, as_of),
        segment_period=segment_period_text(as_of),
        checks=check_rows(
            [r for r in inputs.checks.results if r.subject_kind == "kpi" and r.subject == kpi.id], links
        ),
        declared_checks=[_declared(c.model_dump()) for c in kpi.checks],
        terms=related_terms(kpi.terms, inputs.project, links),
        reviews=[
            ReviewRow(resolved_review(r, inputs), _review_state(r, as_of))
            for r in sorted(kpi.reviews, key=lambda r: r.date)
        ],
        history=inputs.history.get(kpi.id, ()),
        value=view.value_text,
        tree_link=links.to(TREE),
        problems=[md_link(p.name, links.check(p.check_id)) for p in view.problems],
        maturity_days=kpi_maturity(kpi, inputs.project),
        to_date=to_date_text(view),
        downloads=[] if view.problems else csv_links(kpi.id, links),
    )


def csv_links(kpi_id: str, links: Links) -> list[Markup]:
    """「CSV をダウンロード」 links to the files beside the page (``download`` names the file)."""
    series, segments = csv_paths(kpi_id)
    return [
        Markup(f'[CSV をダウンロード({label})]({links.to(path)}){{ download="{path.rsplit("/", 1)[-1]}" }}')
        for label, path in (("推移", series), ("セグメント別", segments))
    ]


def _trend_rows(kpi: Kpi, view: KpiView) -> list[TrendRow]:
    """The table under the chart; withheld entirely while a failed check is on the KPI's inputs."""
    if view.problems or view.readings is None:
        return []
    sums = sums_over_time(kpi)
    rows = []
    for reading in view.readings.series[-TREND_ROWS:]:
        point = reading.point
        target = target_for(kpi, reading.period)
        bound = period_target(target, reading.period, sums) if target else None
        if reading.phase != "complete":
            state = phase_text(reading)
        else:
            state = str(StatusBadge(judge(kpi, reading, target, bound)))
        rows.append(
            TrendRow(
                period=period_name(reading.period),
                value=money_markup(kpi, point.value, _judging(kpi, reading, bound)),
                numerator="—" if point.numerator is None else f"{point.numerator:,.0f}",
                denominator="—" if point.denominator is None else f"{point.denominator:,.0f}",
                target=bound_markup(kpi, bound),
                state=state,
            )
        )
    return rows


def _judging(kpi: Kpi, reading: Reading, bound: float | None) -> tuple[float | None, ...]:
    """The bounds a trend row's value is judged against: its target and its thresholds, seasonal."""
    return judging_bounds(kpi, target_for(kpi, reading.period), bound, reading.period)


def _facts(kpi: Kpi, inputs: SiteInputs, links: Links) -> list[tuple[str, Markup | str]]:
    owner = f"{team_name(inputs.project, kpi.owner.team)} / {kpi.owner.person}"
    return [
        ("英語名", kpi.name_en),
        ("別名", "、".join(kpi.aliases) if kpi.aliases else "—"),
        ("担当", owner),
        ("担当チームの連絡先", team_contact(inputs.project, kpi.owner.team)),
        ("次回レビュー", next_review_text(kpi, inputs.measurements.as_of)),
        ("計測頻度", CADENCE_LABELS[kpi.cadence]),
        ("集計単位", GRAIN_LABELS[kpi.grain]),
        ("成熟度フェーズ", md_link(PHASE_LABELS[kpi.phase], links.to(PHASES, kpi.phase))),
        ("ファネル段階", STAGE_LABELS[kpi.stage]),
        ("種類", KIND_LABELS[kpi.kind]),
    ]


def _thresholds(kpi: Kpi, view: KpiView) -> str | None:
    if kpi.thresholds is None:
        return None
    direction = DIRECTION_LABELS[view.target.direction] if view.target else ""
    on_track = bound_markup(kpi, kpi.thresholds.on_track)
    at_risk = bound_markup(kpi, kpi.thresholds.at_risk)
    return md_words("順調: ", on_track, f"{direction}、要注意: ", at_risk, f"{direction}、それ以外は未達")


def _pair(kpi: Kpi, inputs: SiteInputs, links: Links) -> Markup | None:
    if kpi.pair is None:
        return None
    other = inputs.project.kpi(kpi.pair)
    if other is None:
        return None
    return md_link(other.spec.name, links.kpi(kpi.pair))


def _declared(check: dict[str, object]) -> str:
    name = str(check.pop("check"))
    labels = {
        "between": "値の範囲",
        "no_missing_periods": "欠けた期間がない",
        "latest_period_present": "最新期間がある",
        "not_null": "値が空でない",
        "minimum_volume": "最新期間の母数の下限",
    }
    details = "、".join(f"{key}={value}" for key, value in check.items() if value is not None)
    return f"{labels.get(name, name)}({details})" if details else labels.get(name, name)


def _review_state(review: Review, as_of: dt.date) -> str:
    if review.done:
        return "✅ 完了"
    if review.due < as_of:
        return "⏰ 期限切れ"
    return "⏳ 対応中"
