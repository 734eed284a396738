"""Status is about the latest complete period: 途中 and 成熟中 are shown, never judged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.kpi import Kpi
from generator.model.measurement import KpiMeasurement, MeasurementSet, Point
from generator.model.periods import Period, period_of
from generator.model.project import Project
from generator.model.readings import KpiReadings
from generator.model.target_shares import period_target, seasonal_factor, to_date
from generator.render.formatting import format_change
from generator.render.inputs import SiteInputs
from generator.render.views import kpi_view

REPO = Path(__file__).resolve().parents[2]


WEDNESDAY = dt.date(2026, 9, 30)  # the last day of September, the third day of ISO week 2026-W40


def kpi(**changes: Any) -> Kpi:
    spec: dict[str, Any] = {
        "id": "demo",
        "name": "デモ指標",
        "name_en": "Demo",
        "description": "テスト用。",
        "stage": "bottom",
        "kind": "rate",
        "unit": "percent",
        "decimals": 1,
        "grain": "month",
        "compute": {"measure": "count", "table": "leads", "time": "created_at"},
        "owner": {"team": "marketing", "person": "佐藤"},
        "phase": "operating",
        "cadence": "monthly",
        "targets": [{"value": 0.2, "deadline": "2027-03-31", "direction": "at_least", "scope": "全体"}],
        "thresholds": {"on_track": 0.2, "at_risk": 0.15},
        "tree": {"level": "kpi"},
    }
    spec.update(changes)
    return Kpi.model_validate(spec)


def deals_a_year(total: float) -> Kpi:
    """A count with a fiscal-year total target, evenly spread."""
    target = {"value": total, "deadline": "2027-03-31", "direction": "at_least", "period": "fiscal_year"}
    return kpi(kind="volume", unit="count", decimals=0, targets=[{**target, "scope": "年間"}])


def month(
    label: str, value: float | None, numerator: float | None = None, denominator: float | None = None
) -> Point:
    year, number = (int(part) for part in label.split("-"))
    return Point(label, dt.date(year, number, 1), value, numerator, denominator)


def week(label: str, value: float | None) -> Point:
    year, number = (int(part) for part in label.split("-W"))
    return Point(label, dt.date.fromisocalendar(year, number, 1), value)


def test_the_week_containing_as_of_is_partial_and_the_one_before_is_judged() -> None:
    # W40 runs Monday 28 September – Sunday 4 October: as of Wednesday 30th it has three days of data.
    series = (week("2026-W38", 0.95), week("2026-W39", 0.93), week("2026-W40", 0.833))
    readings = KpiReadings.of(KpiMeasurement("demo", "week", series), WEDNESDAY, 0)
    assert [r.phase for r in readings.series] == ["complete", "complete", "partial"]
    assert readings.judged is not None and readings.judged.period.label == "2026-W39"
    assert [r.period.label for r in readings.unjudged] == ["2026-W40"]


def test_a_month_is_partial_until_its_last_day() -> None:
    series = (month("2026-08", 0.2), month("2026-09", 0.05))
    mid_month = KpiReadings.of(KpiMeasurement("demo", "month", series), dt.date(2026, 9, 15), 0)
    assert [r.phase for r in mid_month.series] == ["complete", "partial"]
    last_day = KpiReadings.of(KpiMeasurement("demo", "month", series), WEDNESDAY, 0)
    assert [r.phase for r in last_day.series] == ["complete", "complete"]


def test_a_cohort_inside_its_window_is_maturing_with_how_far_it_has_come() -> None:
    # A 60-day window as of 30 September: the August cohort's last members (31 August) have had 30 days
    # (50%), September's 0 days; July's last members converted by 30 September (61 days): complete.
    series = (month("2026-07", 0.9), month("2026-08", 0.6), month("2026-09", 0.1))
    readings = KpiReadings.of(KpiMeasurement("demo", "month", series), WEDNESDAY, 60)
    assert [(r.phase, r.matured) for r in readings.series] == [
        ("complete", None),
        ("maturing", 0.5),
        ("maturing", 0.0),
    ]
    assert readings.judged is not None and readings.judged.point.period == "2026-07"


def test_an_annual_total_is_compared_with_the_months_share_and_the_weeks_share() -> None:
    deals = deals_a_year(120)
    target = deals.targets[0]
    september = period_of(dt.date(2026, 9, 1), "month")
    assert period_target(target, september, sums_over_time=True) == pytest.approx(10.0)  # 120 ÷ 12
    # A week inside September: 7 of September's 30 days of its 10 → 2.333…
    w38 = period_of(dt.date(2026, 9, 14), "week")
    assert period_target(target, w38, sums_over_time=True) == pytest.approx(7 / 30 * 10)
    # A rate's target is not a total: the same 20% for any period.
    assert period_target(kpi().targets[0], september, sums_over_time=False) == 0.2


def test_seasonality_weights_the_months_share_and_scales_thresholds() -> None:
    # April weighs 2, the other eleven months 1: April carries 2/13 of 130 = 20, May 1/13 of 130 = 10.
    weights = [2] + [1] * 11
    target = kpi(
        targets=[
            {
                "value": 130,
                "deadline": "2027-03-31",
                "direction": "at_least",
                "period": "fiscal_year",
                "seasonality": weights,
                "scope": "年間",
            }
        ]
    ).targets[0]
    april, may = period_of(dt.date(2026, 4, 1), "month"), period_of(dt.date(2026, 5, 1), "month")
    assert period_target(target, april, True) == pytest.approx(20.0)
    assert period_target(target, may, True) == pytest.approx(10.0)
    # Thresholds are written for an average month (13/12 of a weight): April's are 2 ÷ (13/12) ≈ 1.846×.
    assert seasonal_factor(target, april) == pytest.approx(24 / 13)


def test_a_cumulative_target_spreads_over_its_days_and_is_absent_outside_them() -> None:
    # 184 from 1 July to 31 December 2026: 184 days, one a day; July has 31 of them.
    target = kpi(
        targets=[
            {
                "value": 184,
                "deadline": "2026-12-31",
                "direction": "at_least",
                "period": "cumulative",
                "start": "2026-07-01",
                "scope": "下期",
            }
        ]
    ).targets[0]
    assert period_target(target, period_of(dt.date(2026, 7, 1), "month"), True) == pytest.approx(31.0)
    assert period_target(target, period_of(dt.date(2026, 6, 1), "month"), True) is None


def test_fiscal_year_to_date_pace_and_forecast() -> None:
    # FY2026 from April; as of 30 September six months are complete: 8+9+10+11+12+10 = 60 deals against
    # a pace of 6 × 10 = 60 (100%); at that pace the year ends at 60 × 120 ÷ 60 = 120.
    deals = deals_a_year(120)
    values = {"2026-03": 30.0, "2026-04": 8.0, "2026-05": 9.0, "2026-06": 10.0}
    values |= {"2026-07": 11.0, "2026-08": 12.0, "2026-09": 10.0}
    series = tuple(month(label, value) for label, value in values.items())
    readings = KpiReadings.of(KpiMeasurement("demo", "month", series), WEDNESDAY, 0)
    fiscal = to_date(deals, readings, WEDNESDAY, sums_over_time=True, shows_fraction=False)
    assert fiscal is not None
    assert (fiscal.periods, fiscal.actual, fiscal.full) == (6, 60.0, 120.0)
    assert fiscal.pace == pytest.approx(60.0)
    assert fiscal.forecast == pytest.approx(120.0)
    assert fiscal.first.period.label == "2026-04"  # March belongs to FY2025


def test_a_rate_to_date_is_the_sum_of_numerators_over_the_sum_of_denominators() -> None:
    # April 10/50, May 30/50: 40/100 = 40%, not the mean of 20% and 60%.
    series = (month("2026-04", 0.2, 10, 50), month("2026-05", 0.6, 30, 50))
    readings = KpiReadings.of(KpiMeasurement("demo", "month", series), dt.date(2026, 5, 31), 0)
    fiscal = to_date(kpi(), readings, dt.date(2026, 5, 31), sums_over_time=False, shows_fraction=True)
    assert fiscal is not None and fiscal.is_rate and fiscal.actual == pytest.approx(0.4)


def test_previous_period_and_same_period_a_year_earlier() -> None:
    # The window holds October 2025 – September 2026; the year before it is the history.
    window = tuple(month(label, value) for label, value in (("2026-08", 0.18), ("2026-09", 0.21)))
    history = (month("2025-09", 0.12),)
    readings = KpiReadings.of(KpiMeasurement("demo", "month", window, history=history), WEDNESDAY, 0)
    judged = readings.judged
    assert judged is not None and judged.period.label == "2026-09"
    previous, year_ago = readings.previous(judged), readings.year_before(judged)
    assert previous is not None and previous.value == 0.18
    assert year_ago is not None and year_ago.value == 0.12
    assert format_change(kpi(), previous.value, judged.value) == "+3.0pt"  # 21.0% − 18.0%
    assert format_change(kpi(), year_ago.value, judged.value) == "+9.0pt"  # 21.0% − 12.0%
    assert format_change(kpi(), 0.0981, 0.0979) == "±0.0pt"  # both show 9.8%: no -0.0pt


def test_same_iso_week_a_year_earlier() -> None:
    series = (week("2026-W39", 0.9),)
    history = (week("2025-W39", 0.8),)
    readings = KpiReadings.of(KpiMeasurement("demo", "week", series, history=history), WEDNESDAY, 0)
    judged = readings.judged
    assert judged is not None
    year_ago = readings.year_before(judged)
    assert year_ago is not None and year_ago.period == Period(
        dt.date(2025, 9, 22), dt.date(2025, 9, 29), "week", "2025-W39"
    )


# --- on the shipped catalogue's definitions ---------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


def with_series(project: Project, kpi_id: str, grain: str, points: tuple[Point, ...]) -> SiteInputs:
    measured = fake_measurements(project)
    kpis = dict(measured.kpis) | {kpi_id: KpiMeasurement(kpi_id, grain, points)}
    measurements = MeasurementSet(WEDNESDAY, "f", kpis, measured.tree, measured.funnel, measured.slas)
    return SiteInputs(project, measurements, fake_checks(project))


def spec(project: Project, kpi_id: str) -> Kpi:
    loaded = project.kpi(kpi_id)
    assert loaded is not None
    return loaded.spec


def test_a_partial_week_is_shown_and_never_judged(project: Project) -> None:
    # first_contact_rate (weekly, ≥ 95% on track, ≥ 85% at risk): W40 has three days at 50% — it would
    # be 🔴; W39 at 96.0% is the week judged.
    inputs = with_series(
        project, "first_contact_rate", "week", (week("2026-W39", 0.96), week("2026-W40", 0.5))
    )
    view = kpi_view(spec(project, "first_contact_rate"), inputs)
    assert (view.period, view.value_text, view.status.code) == ("9月21日〜27日の週", "96.0%", "on_track")
    assert view.unjudged_text == "9月28日〜10月4日の週 途中: 50.0%"


def test_an_immature_cohort_is_shown_and_never_judged(project: Project) -> None:
    # sql_to_won_rate converts within 180 days: as of 30 September only cohorts up to March are complete
    # (31 March + 180 days = 27 September); April–September are maturing however low they read.
    points = (month("2026-03", 0.25), month("2026-08", 0.02), month("2026-09", 0.01))
    view = kpi_view(
        spec(project, "sql_to_won_rate"), with_series(project, "sql_to_won_rate", "month", points)
    )
    assert (view.period, view.status.code) == ("2026年3月", "on_track")
    assert view.unjudged_text == (
        "2026年9月 成熟中(転換期間の 0% 経過): 1.0%、2026年8月 成熟中(転換期間の 17% 経過): 2.0%"
    )


def test_only_maturing_cohorts_is_pending_not_red(project: Project) -> None:
    points = (month("2026-08", 0.02), month("2026-09", 0.01))
    view = kpi_view(
        spec(project, "sql_to_won_rate"), with_series(project, "sql_to_won_rate", "month", points)
    )
    assert view.status.code == "pending" and view.value is None


def test_a_monthly_count_is_held_to_the_months_share_of_the_annual_target(project: Project) -> None:
    # deals_won: 100 a fiscal year → 8.33 a month (shown 8.3件); thresholds 8 / 6 are for a month.
    points = (month("2026-08", 9.0), month("2026-09", 8.0))
    view = kpi_view(spec(project, "deals_won"), with_series(project, "deals_won", "month", points))
    assert view.bound == pytest.approx(100 / 12)
    assert view.target_text == "8.3件 以上(年度目標 100件 を均等に配分)"
    assert view.criterion_text == "8件 以上"
    assert view.status.code == "on_track"


def test_status_is_judged_at_the_precision_shown(project: Project) -> None:
    # speed_to_lead_hot: at most 1 business hour, shown to one decimal. 1.04 h reads 「1.0時間」 and meets
    # 「1.0時間以下」; 1.05 h reads 「1.1時間」 (half up) and does not.
    kpi_spec = spec(project, "speed_to_lead_hot")
    for value, code in ((1.04, "on_track"), (1.05, "at_risk")):
        view = kpi_view(
            kpi_spec, with_series(project, "speed_to_lead_hot", "week", (week("2026-W39", value),))
        )
        assert view.status.code == code, value


def test_the_kgi_reads_fiscal_year_to_date_pace_and_forecast(project: Project) -> None:
    # marketing_sourced_revenue: ¥500,000,000 for FY2026. April–September at ¥50M each = ¥300M against a
    # pace of 6/12 × ¥500M = ¥250M (120%); at that pace the year ends at ¥600M.
    points = tuple(month(f"2026-{m:02d}", 50_000_000.0) for m in range(4, 10))
    inputs = with_series(project, "marketing_sourced_revenue", "month", points)
    fiscal = kpi_view(spec(project, "marketing_sourced_revenue"), inputs).to_date
    assert fiscal is not None
    assert (fiscal.actual, fiscal.full) == (300_000_000.0, 500_000_000.0)
    assert fiscal.pace == pytest.approx(250_000_000.0)
    assert fiscal.forecast == pytest.approx(600_000_000.0)
    from generator.render.pages.home import render_home

    page = render_home(inputs)
    # The card writes money in 億 (the chart axes' precision) with the exact yen as the tooltip.
    assert (
        '2026年度(2026年4月〜2026年9月 の 6期間)の累計</span><br><span class="kpi-card__value">'
        '<span class="kpi-amount" title="¥300,000,000">3億円</span>' in page
    )
    assert (
        '同じ期間の目標(ペース) <span class="kpi-amount" title="¥250,000,000">2.5億円</span>'
        "・ペースに対して 120.0%" in page
    )
    assert (
        '年度末見込み <span class="kpi-amount" title="¥600,000,000">6億円</span>・年度目標 '
        '<span class="kpi-amount" title="¥500,000,000">5億円</span>(進捗 60.0%、期限 2027年3月31日)' in page
    )


def test_a_kpi_page_says_which_period_its_status_is_for(project: Project) -> None:
    from generator.render.pages.kpi import render_kpi_page

    points = (month("2026-03", 0.25), month("2026-09", 0.01))
    page = render_kpi_page(
        spec(project, "sql_to_won_rate"), with_series(project, "sql_to_won_rate", "month", points)
    )
    assert "🟢 順調 **2026年3月** の値 **25.0%**" in page
    assert "| 2026年9月 | 1.0% | 20.0% | 成熟中(転換期間の 0% 経過) |" in page
    assert "🔴" not in page.split("## 推移")[1].split("## セグメント別")[0]  # no red in the trend table


def test_since_last_review_compares_what_was_known_at_the_review_with_today(project: Project) -> None:
    # mql_to_sql_rate was last reviewed on 2026-09-05; its cohorts take 90 days. On that day May was the
    # latest complete cohort (31 May + 90 days = 29 August); today (30 September) June is (30 June + 90 =
    # 28 September). So the meeting compares May's 15.0% with June's 20.0%: +5.0pt.
    points = (month("2026-05", 0.15), month("2026-06", 0.2), month("2026-07", 0.3), month("2026-08", 0.1))
    inputs = with_series(project, "mql_to_sql_rate", "month", points)
    from generator.render.pages.home import render_home

    page = render_home(inputs)
    link = "[MQL→SQL転換率](kpis/mql_to_sql_rate.md)"
    row = f"| {link} | 2026年9月5日 | 15.0%(2026年5月) | 20.0%(2026年6月) | +5.0pt |"
    assert row in page


def test_the_board_shows_the_change_on_the_same_period_a_year_earlier(project: Project) -> None:
    # deals_won: September 2026 = 8, August 2026 = 9, September 2025 (in the measured history) = 5.
    measured = fake_measurements(project)
    deals = KpiMeasurement(
        "deals_won", "month", (month("2026-08", 9.0), month("2026-09", 8.0)), history=(month("2025-09", 5.0),)
    )
    kpis = dict(measured.kpis) | {"deals_won": deals}
    inputs = SiteInputs(project, MeasurementSet(WEDNESDAY, "f", kpis, measured.tree), fake_checks(project))
    from generator.render.pages.home import render_home

    row = next(line for line in render_home(inputs).splitlines() if line.lstrip().startswith("| [受注数]"))
    assert "| -1件(2026年8月: 9件) | +3件(2025年9月: 5件) |" in row
