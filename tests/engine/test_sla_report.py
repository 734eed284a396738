"""SLA compliance and speed to lead in business hours, on hand-offs whose outcome is worked out by hand.

Calendar: Mon–Fri 09:00–18:00, Japanese holidays (2026-08-11 山の日; 09-21/22/23 Silver Week).
Deadline 24 business hours; hot-lead hand-offs 4 business hours. As of Wed 2026-09-30.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from measure_kit import FrameBackend

from generator.engine.scope import Scope
from generator.engine.sla_report import (
    BREACHED,
    MET,
    PENDING,
    build_sla_report,
    compliance_by_team,
    handoffs_query,
    judge_handoffs,
    measure_sla_compliance,
    sla_compliance_cells,
    sla_compliance_series,
    speed_histogram,
)
from generator.model.periods import as_of_end
from generator.model.sla import Sla

AS_OF = dt.date(2026, 9, 30)
T = pd.Timestamp


def make_sla() -> Sla:
    data: dict[str, Any] = {
        "id": "test_sla",
        "name": "test",
        "version": "1",
        "effective_from": "2026-04-01",
        "mql": {"summary": "m", "agreed_by": ["marketing", "is_east"]},
        "sql": {"summary": "s", "agreed_by": ["is_east", "sales"]},
        "scoring": {
            "rules": [{"id": "target", "label": "t", "points": 60, "filter": "is_target_industry"}],
            "threshold": 60,
            "review_cycle": "quarterly",
        },
        "handoff": {"trigger": "t", "attached_information": ["x"]},
        "calendar": {},
        "response_deadline": {"business_hours": 24, "hot_lead_business_hours": 4},
        "follow_up": {"attempts": 3, "within_business_days": 5},
        "feedback_loop": ["f"],
        "meetings": ["m"],
        "signatories": [
            {"team": "marketing", "person": "a", "role": "r", "signed_on": "2026-03-20"},
            {"team": "is_east", "person": "b", "role": "r", "signed_on": "2026-03-20"},
        ],
    }
    return Sla.model_validate(data)


SLA = make_sla()


def handoff(handoff_id: str, team: str, trigger: str, handed: str, contact: str | None) -> dict[str, Any]:
    return {
        "handoff_id": handoff_id,
        "lead_id": "L" + handoff_id[1:],
        "handed_off_at": T(handed),
        "trigger": trigger,
        "team": team,
        "first_contact_at": T(contact) if contact else pd.NaT,
    }


HANDOFFS = pd.DataFrame(
    [
        # Mon 10:00 → Tue 15:00: 8 + 6 = 14 h ≤ 24 → met.
        handoff("H01", "is_east", "score", "2026-09-07 10:00", "2026-09-08 15:00"),
        # Fri 17:00 → Wed 10:00: 1 + 9 + 9 + 1 = 20 h → met.
        handoff("H02", "is_east", "score", "2026-09-04 17:00", "2026-09-09 10:00"),
        # Fri 09-18 17:00 → Fri 09-25 12:00 over Silver Week: 1 + 9 (Thu 24) + 3 = 13 h → met.
        handoff("H03", "is_west", "score", "2026-09-18 17:00", "2026-09-25 12:00"),
        # Hot lead, Mon 10:00 → 16:00: 6 h > 4 → breached.
        handoff("H04", "is_west", "hot_lead", "2026-09-14 10:00", "2026-09-14 16:00"),
        # Hot lead, Tue 17:00 → Wed 11:00: 1 + 2 = 3 h ≤ 4 → met.
        handoff("H05", "is_east", "hot_lead", "2026-09-15 17:00", "2026-09-16 11:00"),
        # Never contacted; deadline Thu 09-03 15:00 has passed → breached.
        handoff("H06", "is_west", "score", "2026-09-01 09:00", None),
        # Never contacted; deadline Thu 10-01 16:00 (8 h Tue + 9 h Wed + 7 h Thu) not yet due → pending.
        handoff("H07", "is_east", "score", "2026-09-29 10:00", None),
        # Contacted only after the as-of day → not contacted yet, not due → pending.
        handoff("H08", "is_east", "score", "2026-09-30 09:00", "2026-10-01 09:30"),
        # Mon 08-03 10:00 → Thu 08-06 11:00: 8 + 9 + 9 + 2 = 28 h > 24 → breached.
        handoff("H09", "is_west", "score", "2026-08-03 10:00", "2026-08-06 11:00"),
        # Fri 08-07 15:00 → Wed 08-12 10:00 (Tue 08-11 山の日): 3 + 9 + 1 = 13 h → met.
        handoff("H10", "is_east", "score", "2026-08-07 15:00", "2026-08-12 10:00"),
        # Handed off after the as-of day → not part of anything.
        handoff("H11", "is_east", "score", "2026-10-01 10:00", "2026-10-01 11:00"),
    ]
)
LEADS = pd.DataFrame(
    {
        "lead_id": [f"L{i:02d}" for i in range(1, 12)],
        "created_at": [T("2026-07-01 09:00")] * 11,
        "mql_at": [T("2026-07-02 09:00")] * 3 + [pd.NaT] * 8,
        "is_target_industry": [True, False, True, True] + [False] * 7,
        "channel": ["webinar"] * 6 + ["ads"] * 5,
        "campaign_id": ["c1"] * 11,
        "industry": ["it"] * 11,
        "company_size": ["50-299"] * 11,
        "owner_team": ["is_east"] * 11,
    }
)
ACTIVITIES = pd.DataFrame(
    {
        "activity_id": pd.Series([], dtype="string"),
        "lead_id": pd.Series([], dtype="string"),
        "occurred_at": pd.Series([], dtype="datetime64[us]"),
        "type": pd.Series([], dtype="string"),
        "page_category": pd.Series([], dtype="string"),
    }
)


@pytest.fixture()
def judged() -> pd.DataFrame:
    backend = FrameBackend({"handoffs": HANDOFFS, "leads": LEADS})
    try:
        return judge_handoffs(backend.fetch(handoffs_query(AS_OF)), SLA, AS_OF).set_index("handoff_id")
    finally:
        backend.close()


def test_status_of_each_handoff(judged: pd.DataFrame) -> None:
    assert judged["status"].to_dict() == {
        "H01": MET,
        "H02": MET,
        "H03": MET,
        "H04": BREACHED,
        "H05": MET,
        "H06": BREACHED,
        "H07": PENDING,
        "H08": PENDING,
        "H09": BREACHED,
        "H10": MET,
    }


def test_speed_to_lead_in_business_hours(judged: pd.DataFrame) -> None:
    speeds = judged["speed_hours"].dropna().to_dict()
    assert speeds == {"H01": 14, "H02": 20, "H03": 13, "H04": 6, "H05": 3, "H09": 28, "H10": 13}


def test_deadlines_use_the_hot_lead_hours_for_hot_leads(judged: pd.DataFrame) -> None:
    assert judged.loc["H04", "deadline_at"] == T("2026-09-14 14:00")
    assert judged.loc["H06", "deadline_at"] == T("2026-09-03 15:00")
    assert judged.loc["H07", "deadline_at"] == T("2026-10-01 16:00")


def test_monthly_compliance_series(judged: pd.DataFrame) -> None:
    # September: decided H01 H02 H03 H04 H05 H06 → met 4 of 6. August: H09 breached, H10 met → 1 of 2.
    series = {p.period: p for p in sla_compliance_series(judged.reset_index(), "month", AS_OF)}
    assert (series["2026-09"].numerator, series["2026-09"].denominator) == (4.0, 6.0)
    assert series["2026-09"].value == pytest.approx(4 / 6)
    assert series["2026-08"].value == 0.5
    assert series["2026-07"].value is None  # nothing decided: no value, not 0 %
    assert len(series) == 12


def test_weekly_compliance_by_iso_week(judged: pd.DataFrame) -> None:
    # W32 (08-03): H09 ✗, H10 ✓ → 1/2. W36 (08-31): H06 ✗, H02 ✓ → 1/2. W37: H01 ✓ → 1/1.
    # W38 (09-14): H04 ✗, H05 ✓, H03 ✓ → 2/3. W40 (09-28): only pending → no value.
    series = {
        p.period: (p.numerator, p.denominator)
        for p in sla_compliance_series(judged.reset_index(), "week", AS_OF)
    }
    assert series["2026-W32"] == (1.0, 2.0)
    assert series["2026-W36"] == (1.0, 2.0)
    assert series["2026-W37"] == (1.0, 1.0)
    assert series["2026-W38"] == (2.0, 3.0)
    assert series["2026-W40"] == (0.0, 0.0)


def test_compliance_by_team_over_the_latest_full_quarter(judged: pd.DataFrame) -> None:
    # Jul–Sep: is_east H01 H02 H05 H10 all met → 4/4; is_west H03 met of H03 H04 H06 H09 → 1/4.
    values = compliance_by_team(judged.reset_index(), AS_OF, k_anonymity=3)
    assert [(v.key, v.value, v.denominator, v.suppressed) for v in values] == [
        ("is_east", 1.0, 4.0, False),
        ("is_west", 0.25, 4.0, False),
    ]
    suppressed = compliance_by_team(judged.reset_index(), AS_OF, k_anonymity=5)
    assert [(v.key, v.value, v.suppressed) for v in suppressed] == [
        ("is_east", None, True),
        ("is_west", None, True),
    ]


def test_segment_cells_use_the_leads_attribute(judged: pd.DataFrame) -> None:
    # By channel, Jul–Sep: webinar leads L01–L06 (H01–H06: 4 met of 6);
    # ads L07–L10 (H09 ✗, H10 ✓; H07/H08 pending).
    end = dt.datetime(2026, 10, 1)
    scope = Scope("quarter", dt.datetime(2026, 7, 1), end, end, "channel")
    cells = sla_compliance_cells(judged.reset_index(), scope)
    assert {k: (c.numerator, c.denominator) for k, c in cells.items()} == {
        (dt.date(2026, 7, 1), "ads"): (1.0, 2.0),
        (dt.date(2026, 7, 1), "webinar"): (4.0, 6.0),
    }


def test_measure_sla_compliance_for_the_engine() -> None:
    backend = FrameBackend({"handoffs": HANDOFFS, "leads": LEADS})
    end = as_of_end(AS_OF)
    try:
        cells = measure_sla_compliance(
            backend.fetch, SLA, Scope("month", dt.datetime(2025, 10, 1), end, end), AS_OF
        )
    finally:
        backend.close()
    assert cells[(dt.date(2026, 9, 1), None)].value == pytest.approx(4 / 6)
    assert cells[(dt.date(2026, 8, 1), None)].value == 0.5


def test_speed_histogram(judged: pd.DataFrame) -> None:
    # Speeds 3, 6, 13, 13, 14, 20, 28 over edges 0 1 2 4 8 16 24 48 72
    # (24 and 48 = the deadline and twice it; 4 = the hot-lead deadline).
    histogram = speed_histogram(judged.reset_index(), SLA, AS_OF)
    assert histogram.edges == (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 24.0, 48.0, 72.0)
    assert histogram.counts == (0, 0, 1, 1, 3, 1, 1, 0)


def test_full_report() -> None:
    backend = FrameBackend({"handoffs": HANDOFFS, "leads": LEADS, "activities": ACTIVITIES})
    try:
        report = build_sla_report(backend.fetch, SLA, AS_OF, k_anonymity=3)
    finally:
        backend.close()
    assert report.sla_id == "test_sla"
    assert report.deadline_business_hours == 24
    assert report.threshold == 60
    # Recorded MQLs: L01–L03. Rule-derived (target industry = 60 points): L01, L03, L04. Both: L01, L03.
    assert (report.recorded_mqls, report.rule_derived_mqls, report.both) == (3, 3, 2)
    assert sum(report.score_distribution.counts) == 11
    assert len(report.compliance_by_week) == len({p.period for p in report.compliance_by_week})
    assert report.compliance_by_team[1].value == 0.25
