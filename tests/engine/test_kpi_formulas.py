"""Every shipped KPI computed on a tiny hand-made data set, against a value worked out by hand.

The data (tests/engine/fixtures/catalogue/*.csv, as of Wed 2026-09-30) in short — August 2026 is the
month most tests read; the weekly hand-off KPIs read ISO weeks 2026-W33 (Aug 10–16: Tue 11 is 山の日 and
the SLA closes the company on Thu 13 / Fri 14) and 2026-W34 (Aug 17–23).

Leads (created → MQL → SQL → opportunity → won/lost):
  E1 03-10 owned_media, it (target), 300-999 — the "fan": 10 emails, no MQL
  E2 03-12 owned_media, retail, 50-299 — 8 emails, no MQL
  J1 06-03 whitepaper, manufacturing (t), 300-999 — MQL 06-20, SQL 07-06, opp 07-20, won 08-21 (deal ¥4.8M)
  J2 06-10 whitepaper, it (t), 50-299 — MQL 09-10 (92 days after creation)
  J3 06-15 webinar, finance (t), 1000+ — MQL 06-16, SQL 07-01, opp 07-10, lost 09-01
  J4 06-20 webinar, retail, 50-299 — nothing
  J5 06-25 ads, it (t), 300-999 — MQL 07-05
  K1 07-01 event, manufacturing (t), 1000+ — MQL 07-02, SQL 07-15, opp 08-10, won 08-28 (deal ¥6.0M)
  K2 07-03 referral, construction, 300-999 — MQL 07-08, SQL 08-05
  K3 07-07 inquiry, healthcare (t), 50-299 — MQL 07-07 12:00, SQL 07-09, opp 09-20 (73 days after SQL)
  K4 07-20 owned_media, logistics, 1-49 — MQL 07-28
  A1 08-03 webinar, it (t), 300-999 — MQL 08-10, SQL 08-24
  A2 08-04 whitepaper, manufacturing (t), 50-299 — MQL 08-05 16:00
  A3 08-05 ads, retail, 1-49;  A5 08-18 ads, other, 50-299;  A7 08-31 23:30 owned_media, it (t)
  A4 08-12 ads, finance (t), 1000+ — MQL 08-20, SQL 09-03
  A6 08-25 event, logistics, 300-999 — MQL 08-31
  S1 09-01 00:10 inquiry, it (t), 50-299 — MQL 09-01;  S2 09-15 webinar, it
Every timestamp is 10:00 unless written otherwise. Costs in August: ads ¥300k, content ¥200k,
events ¥250k, tools ¥150k, people ¥1.1M (= ¥2.0M); July ads ¥280k; September ads ¥310k.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from catalogue_fixture import ROOT, measured_catalogue, shipped_project

from generator.model.measurement import MeasurementSet, Point
from generator.model.project import Project


@pytest.fixture(scope="module")
def project() -> Project:
    return shipped_project()


@pytest.fixture(scope="module")
def measured() -> MeasurementSet:
    return measured_catalogue()


def point(measured: MeasurementSet, kpi_id: str, period: str) -> Point:
    measurement = measured.kpis.get(kpi_id)
    assert measurement is not None, f"{kpi_id} was not measured (did its file load?)"
    assert measurement.error is None, f"{kpi_id}: {measurement.error}"
    found = [p for p in measurement.series if p.period == period]
    assert found, f"{kpi_id} has no period {period}: {[p.period for p in measurement.series]}"
    return found[0]


def value(measured: MeasurementSet, kpi_id: str, period: str) -> float | None:
    return point(measured, kpi_id, period).value


def approx(expected: float) -> object:
    return pytest.approx(expected, rel=1e-9, abs=1e-9)


# --- top of the funnel ------------------------------------------------------------------------------


def test_new_leads(measured: MeasurementSet) -> None:
    # Created in August: A1 A2 A3 A4 A5 A6 A7 (A7 at 08-31 23:30; S1 at 09-01 00:10 is September) = 7.
    assert value(measured, "new_leads", "2026-08") == 7
    assert value(measured, "new_leads", "2026-09") == 2  # S1, S2


def test_cpl(measured: MeasurementSet) -> None:
    # Acquisition cost (ads + content + events) ¥300,000 + ¥200,000 + ¥250,000 = ¥750,000 ÷ 7 new leads.
    assert value(measured, "cpl", "2026-08") == approx(750_000 / 7)


def test_cpa(measured: MeasurementSet) -> None:
    # Ads cost ¥300,000 ÷ ads-channel leads created in August (A3, A4, A5) = ¥100,000.
    assert value(measured, "cpa", "2026-08") == approx(100_000)


def test_cvr(measured: MeasurementSet) -> None:
    # Form submits in August: A3 (08-05), A4 (08-12) = 2; landing-page views: A3, A5, E2 × 2 = 4 → 0.5.
    assert value(measured, "cvr", "2026-08") == approx(0.5)


def test_downloads(measured: MeasurementSet) -> None:
    # August downloads: A2 (08-04, 08-05), E1 (08-10) = 3.
    assert value(measured, "downloads", "2026-08") == 3


def test_webinar_registrations(measured: MeasurementSet) -> None:
    # Registration rows in August: K2 (08-01 and again 08-02), A1 (08-03), A6 (08-25) = 4.
    assert value(measured, "webinar_registrations", "2026-08") == 4


def test_webinar_attendance_rate(measured: MeasurementSet) -> None:
    # Distinct attendees K2, A1 = 2 ÷ distinct registrants K2, A1, A6 = 3.
    assert value(measured, "webinar_attendance_rate", "2026-08") == approx(2 / 3)


# --- email and engagement ---------------------------------------------------------------------------
# August sends: n09 (08-05) to E1, E2, J4, K4 (K4 bounced) and n10 (08-19) to E1, E2, A1, A2.
# Sent 8, delivered 7. Opens: E1 n09, E1 n10, E2 n10, A1 n10 (human) and A2 n10 (Apple MPP) = 5.
# Clicks: E1 n09, E1 n10, A1 n10 = 3. Unsubscribes: J4 = 1.


def test_email_delivery_rate(measured: MeasurementSet) -> None:
    assert value(measured, "email_delivery_rate", "2026-08") == approx(7 / 8)


def test_email_open_rate(measured: MeasurementSet) -> None:
    assert value(measured, "email_open_rate", "2026-08") == approx(5 / 7)


def test_email_open_rate_human(measured: MeasurementSet) -> None:
    # The machine open of A2 is left out: 4 ÷ 7.
    assert value(measured, "email_open_rate_human", "2026-08") == approx(4 / 7)


def test_email_click_rate(measured: MeasurementSet) -> None:
    assert value(measured, "email_click_rate", "2026-08") == approx(3 / 7)


def test_click_to_open_rate(measured: MeasurementSet) -> None:
    # Clicks ÷ all opens (machine opens included in this one): 3 ÷ 5.
    assert value(measured, "click_to_open_rate", "2026-08") == approx(0.6)


def test_unsubscribe_rate(measured: MeasurementSet) -> None:
    assert value(measured, "unsubscribe_rate", "2026-08") == approx(1 / 7)


def test_continuous_response_rate(measured: MeasurementSet) -> None:
    # Touched in August (a delivery in August): E1, E2, J4, A1, A2 = 5.
    # E1: last 10 deliveries n01–n10, responded n01–n06, n09, n10 = 8 ≥ 7 → yes.
    # E2: n03–n10, responded n03 and n10 (n05 was a machine open) = 2 → no.
    # J4 (unsubscribed, not a response) 0; A1 1 of 1; A2 machine open only 0 → no.  1 ÷ 5.
    assert value(measured, "continuous_response_rate", "2026-08") == approx(0.2)


def test_site_browsing_rate(measured: MeasurementSet) -> None:
    # Touched in August: E1, E2, J4, A1, A2 = 5. ≥ 3 page views on the touch day or the 7 days after:
    # A1 after n10 (08-19): 08-20, 08-21, 08-26 → 3 yes. E2 after n10: 08-19, 08-20, 08-22 → 3 yes.
    # E1: 08-06, 08-07 after n09 (2); 08-27 is 8 days after n10 → no. J4, A2: none.  2 ÷ 5.
    assert value(measured, "site_browsing_rate", "2026-08") == approx(0.4)


# --- MQL and lead quality ---------------------------------------------------------------------------


def test_mql_count(measured: MeasurementSet) -> None:
    # MQL recorded in August: A2 (08-05), A1 (08-10), A4 (08-20), A6 (08-31) = 4.
    assert value(measured, "mql_count", "2026-08") == 4


def test_target_industry_mql_share(measured: MeasurementSet) -> None:
    # Of the 4 August MQLs, target industry: A1, A2, A4 (A6 logistics is not) → 3 ÷ 4.
    assert value(measured, "target_industry_mql_share", "2026-08") == approx(0.75)


def test_lead_to_mql_rate(measured: MeasurementSet) -> None:
    # June cohort J1–J5 (5). MQL within 90 days: J1 (17 d), J3 (1 d), J5 (10 d) yes;
    # J2's MQL came 92 days after creation → outside the window; J4 never.  3 ÷ 5.
    assert value(measured, "lead_to_mql_rate", "2026-06") == approx(0.6)


def test_dl_to_mql_rate(measured: MeasurementSet) -> None:
    # June white-paper cohort J1, J2: J1 within 90 days, J2 at 92 days → 1 ÷ 2.
    assert value(measured, "dl_to_mql_rate", "2026-06") == approx(0.5)


def test_lead_time_to_mql(measured: MeasurementSet) -> None:
    # MQLs in August, days from creation: A2 1.25 (08-04 10:00 → 08-05 16:00), A6 6, A1 7, A4 8.
    # Median of four = (6 + 7) ÷ 2 = 6.5 days.
    assert value(measured, "lead_time_to_mql", "2026-08") == approx(6.5)


def test_leads_over_threshold(measured: MeasurementSet) -> None:
    # standard_sla: threshold 60; target industry +10 (attribute); behaviour: download +20, service page +25,
    # pricing +30, contact page +40, webinar attendance +20 (×2), email click +5 (×4), unsubscribe −30,
    # −25 % every 30 days; hot at once: a pricing-page view or a form submit; out: 1-49 and not target.
    # Counted in the month the lead first became ready (threshold crossed or hot):
    # August: A1 10 + attend 08-06 (20) + click 08-19 (5) + service 08-20 (25) = 60 → crosses 08-20;
    #         A4's form 08-12 → hot.                                                           → 2
    #   not: A2 10 + one download (max 1) 20 = 30; E1 10 + 5 + 20 + 5 = 40; K2 20;
    #        A3 sent a form but is 1-49 and not target → disqualified;
    #        A5 viewed the pricing page (hot) but its industry is 'other': the SLA's MQL criteria fail.
    # June: J1 pricing 06-18 (hot; 10 + 20 + 30 = 60 too) → 1; J3 10 + 20 + 25 = 55 stays below.
    # July: K3's inquiry form 07-07 → 1 (K1 10 + contact 40 = 50 stays below).
    # September: S1 pricing 09-01 → 1 (A6 contact 40, no points for case studies).
    assert value(measured, "leads_over_threshold", "2026-08") == 2
    assert value(measured, "leads_over_threshold", "2026-06") == 1
    assert value(measured, "leads_over_threshold", "2026-07") == 1
    assert value(measured, "leads_over_threshold", "2026-09") == 1
    assert value(measured, "leads_over_threshold", "2026-05") == 0


# --- SQL, opportunity, deals ------------------------------------------------------------------------


def test_sql_count(measured: MeasurementSet) -> None:
    # SQL recorded in August: K2 (08-05), A1 (08-24) = 2.
    assert value(measured, "sql_count", "2026-08") == 2


def test_mql_to_sql_rate(measured: MeasurementSet) -> None:
    # July MQL cohort: K1 07-02, J5 07-05, K3 07-07, K2 07-08, K4 07-28 = 5.
    # SQL within 90 days: K1 (07-15), K3 (07-09), K2 (08-05) → 3 ÷ 5.
    assert value(measured, "mql_to_sql_rate", "2026-07") == approx(0.6)
    # August cohort A2, A1, A4, A6: A1 (08-24) and A4 (09-03) → 2 ÷ 4 so far.
    assert value(measured, "mql_to_sql_rate", "2026-08") == approx(0.5)


def test_mql_to_sql_days(measured: MeasurementSet) -> None:
    # SQLs in August: K2 07-08 → 08-05 = 28 days, A1 08-10 → 08-24 = 14 days → median 21.
    assert value(measured, "mql_to_sql_days", "2026-08") == approx(21.0)


def test_opportunity_rate(measured: MeasurementSet) -> None:
    # July SQL cohort J3 07-01, J1 07-06, K3 07-09, K1 07-15 = 4. Opportunity within 60 days:
    # J3 (9 d), J1 (14 d), K1 (26 d) yes; K3 at 73 days no → 3 ÷ 4.
    assert value(measured, "opportunity_rate", "2026-07") == approx(0.75)


def test_webinar_opportunity_rate(measured: MeasurementSet) -> None:
    # June webinar cohort J3, J4: J3 became an opportunity 25 days after creation → 1 ÷ 2.
    assert value(measured, "webinar_opportunity_rate", "2026-06") == approx(0.5)


def test_sql_to_won_rate(measured: MeasurementSet) -> None:
    # July SQL cohort J3, J1, K3, K1: won within 180 days J1 (08-21), K1 (08-28); J3 lost → 2 ÷ 4.
    assert value(measured, "sql_to_won_rate", "2026-07") == approx(0.5)


def test_sql_to_won_days(measured: MeasurementSet) -> None:
    # Won in August: J1 07-06 → 08-21 = 46 days, K1 07-15 → 08-28 = 44 days → median 45.
    assert value(measured, "sql_to_won_days", "2026-08") == approx(45.0)


def test_deals_won(measured: MeasurementSet) -> None:
    # Won deals closed in August: D1 (08-21), D2 (08-28); D3 lost 09-01; D4 open.
    assert value(measured, "deals_won", "2026-08") == 2


def test_marketing_sourced_revenue(measured: MeasurementSet) -> None:
    # ¥4,800,000 + ¥6,000,000.
    assert value(measured, "marketing_sourced_revenue", "2026-08") == approx(10_800_000)


def test_average_deal_size(measured: MeasurementSet) -> None:
    # ¥10,800,000 ÷ 2 deals.
    assert value(measured, "average_deal_size", "2026-08") == approx(5_400_000)


def test_marketing_sourced_gross_profit(measured: MeasurementSet) -> None:
    # ¥2,400,000 + ¥3,000,000 (the lost deal has no gross profit).
    assert value(measured, "marketing_sourced_gross_profit", "2026-08") == approx(5_400_000)


# --- spend, ROI, unit economics ---------------------------------------------------------------------


def test_marketing_spend(measured: MeasurementSet) -> None:
    # Every cost category in August: 300,000 + 200,000 + 250,000 + 150,000 + 1,100,000.
    assert value(measured, "marketing_spend", "2026-08") == approx(2_000_000)


def test_marketing_roi(measured: MeasurementSet) -> None:
    # (gross profit ¥5,400,000 − spend ¥2,000,000) ÷ ¥2,000,000 = 1.7, a fraction shown as 170%.
    assert value(measured, "marketing_roi", "2026-08") == approx(1.7)


def test_cac(measured: MeasurementSet) -> None:
    # Spend ¥2,000,000 ÷ 2 deals won.
    assert value(measured, "cac", "2026-08") == approx(1_000_000)


def test_ltv(measured: MeasurementSet) -> None:
    # Gross profit per deal ¥5,400,000 ÷ 2 = ¥2,700,000 × expected lifetime 3 years = ¥8,100,000.
    assert value(measured, "ltv", "2026-08") == approx(8_100_000)


def test_ltv_to_cac(measured: MeasurementSet) -> None:
    # ¥8,100,000 ÷ ¥1,000,000.
    assert value(measured, "ltv_to_cac", "2026-08") == approx(8.1)


# --- hand-offs and the SLA --------------------------------------------------------------------------
# standard_sla: Mon–Fri 09:00–18:00, JP holidays, company closed 08-13 and 08-14; deadline 8 business
# hours, 2 for hot leads.
# HO1 A4 hot   Wed 08-12 10:45 → contact 12:00 = 1.25 h ≤ 2 → met
# HO2 A2 score Mon 08-10 16:00 → Mon 08-17 10:00 = 2 (Mon) + 9 (Wed 12) + 1 (Mon 17) = 12 h > 8 → breached
#                  (Tue 11 山の日, Thu 13 / Fri 14 closed)
# HO3 K2 score Wed 08-12 09:00, never contacted, deadline Wed 17:00 passed → breached
#                  (5 attempts, no_response)
# HO4 A1 score Thu 08-20 11:00 → Fri 08-21 10:00 = 7 + 1 = 8 h = deadline → met
# HO5 S1 hot   Tue 09-01 09:05 → 10:35 = 1.5 h → met;  HO6 A6 score Wed 09-02 15:00, none → breached
# HO7 J2 score Wed 09-30 15:00, none, due Thu 10-01 14:00 → pending;  HO8 K3 hot 07-07 10:30 → 11:00 → met


def test_sla_compliance(measured: MeasurementSet) -> None:
    # W33: HO1 met, HO2 breached, HO3 breached → 1 ÷ 3. W34: HO4 met → 1. W36: HO5 met, HO6 not → 0.5.
    assert value(measured, "sla_compliance", "2026-W33") == approx(1 / 3)
    assert value(measured, "sla_compliance", "2026-W34") == approx(1.0)
    assert value(measured, "sla_compliance", "2026-W36") == approx(0.5)
    # W40: only HO7, not yet due → nothing decided, no value.
    assert value(measured, "sla_compliance", "2026-W40") is None


def test_speed_to_lead(measured: MeasurementSet) -> None:
    # Counted in the week of the first contact. W33: HO1 1.25 h. W34: HO2 12 h, HO4 8 h → median 10.
    assert value(measured, "speed_to_lead", "2026-W33") == approx(1.25)
    assert value(measured, "speed_to_lead", "2026-W34") == approx(10.0)


def test_speed_to_lead_p90(measured: MeasurementSet) -> None:
    # W34: 8 and 12 h; p90 by linear interpolation = 8 + 0.9 × (12 − 8) = 11.6.
    assert value(measured, "speed_to_lead_p90", "2026-W34") == approx(11.6)


def test_speed_to_lead_hot(measured: MeasurementSet) -> None:
    # Hot-lead hand-offs only: W33 HO1 1.25 h; W36 HO5 1.5 h; W34 has none.
    assert value(measured, "speed_to_lead_hot", "2026-W33") == approx(1.25)
    assert value(measured, "speed_to_lead_hot", "2026-W36") == approx(1.5)
    assert value(measured, "speed_to_lead_hot", "2026-W34") is None


def test_first_contact_rate(measured: MeasurementSet) -> None:
    # Handed off in W33: HO1, HO2 contacted (HO2 only the next week), HO3 never → 2 ÷ 3.
    assert value(measured, "first_contact_rate", "2026-W33") == approx(2 / 3)


def test_unreached_attempts(measured: MeasurementSet) -> None:
    # Attempts per no-response hand-off: August HO3 5 ÷ 1; September HO6 3 ÷ 1 (HO7 is still open).
    assert value(measured, "unreached_attempts", "2026-08") == approx(5.0)
    assert value(measured, "unreached_attempts", "2026-09") == approx(3.0)


def test_early_handoff_rate(measured: MeasurementSet) -> None:
    # August hand-offs with feedback: HO1 on_time, HO2 too_early, HO4 on_time (HO3 none) → 1 ÷ 3.
    assert value(measured, "early_handoff_rate", "2026-08") == approx(1 / 3)


def test_handoff_to_sql_rate(measured: MeasurementSet) -> None:
    # August hand-offs with a closed outcome: HO1 sql, HO2 recycled, HO3 no_response, HO4 sql → 2 ÷ 4.
    assert value(measured, "handoff_to_sql_rate", "2026-08") == approx(0.5)


# --- the guard: a KPI without a formula test fails CI -----------------------------------------------


def test_every_shipped_kpi_has_a_formula_test() -> None:
    shipped = sorted(path.stem for path in (ROOT / "metrics").glob("*.yml"))
    assert len(shipped) >= 30
    missing = [kpi_id for kpi_id in shipped if not callable(globals().get(f"test_{kpi_id}"))]
    assert missing == [], f"KPIs without a formula test in {Path(__file__).name}: {missing}"


def test_every_shipped_kpi_loads_and_is_measured(project: Project, measured: MeasurementSet) -> None:
    shipped = sorted(path.stem for path in (ROOT / "metrics").glob("*.yml"))
    assert sorted(kpi.spec.id for kpi in project.kpis) == shipped
    errors = {k: m.error for k, m in measured.kpis.items() if m.error}
    assert errors == {}
    assert all(
        not math.isnan(p.value) for m in measured.kpis.values() for p in m.series if p.value is not None
    )
