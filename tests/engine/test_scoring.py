"""Lead scoring executed from an SLA: points, max_times, decay, threshold crossing, hot leads, disqualifiers.

Every expected value is worked out by hand in the comments; the SLA is built here so that these tests do
not move when the shipped SLA is tuned (the shipped one is covered by test_kpi_formulas.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from measure_kit import FrameBackend

from generator.engine.errors import MeasureError
from generator.engine.scope import Cell, Scope
from generator.engine.scoring import (
    MqlComparison,
    compare_mqls,
    score_at_least_cells,
    score_at_least_series,
    score_distribution,
    score_leads,
)
from generator.engine.scoring_query import scoring_query
from generator.model.periods import series_periods
from generator.model.sla import Sla

AS_OF = dt.date(2026, 9, 30)
T = pd.Timestamp


def sla(criteria: list[dict[str, str]] | None = None, **changes: Any) -> Sla:
    data: dict[str, Any] = {
        "id": "test_sla",
        "name": "test",
        "version": "1",
        "effective_from": "2026-04-01",
        "mql": {"summary": "m", "agreed_by": ["marketing", "is_east"]},
        "sql": {"summary": "s", "agreed_by": ["is_east", "sales"]},
        "scoring": {
            "rules": [
                {"id": "target_industry", "label": "t", "points": 10, "filter": "is_target_industry"},
                {"id": "enterprise", "label": "e", "points": 50, "filter": "company_size = '1000+'"},
                {"id": "download", "label": "d", "points": 20, "activity": "download", "max_times": 2},
                {
                    "id": "pricing",
                    "label": "p",
                    "points": 30,
                    "activity": "page_view",
                    "filter": "page_category = 'pricing'",
                },
            ],
            "threshold": 60,
            "decay": {"every_days": 30, "percent": 50},
            "review_cycle": "quarterly",
        },
        "hot_lead_triggers": [
            {"id": "contact", "label": "c", "activity": "form_submit"},
        ],
        "disqualifiers": [{"id": "other", "label": "o", "filter": "industry = 'other'"}],
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
    data["scoring"].update(changes)
    data["mql"]["criteria"] = criteria or []
    return Sla.model_validate(data)


def lead(
    lead_id: str, created: str, *, target: bool = False, size: str = "50-299", **extra: Any
) -> dict[str, Any]:
    row = {
        "lead_id": lead_id,
        "created_at": T(created),
        "channel": "webinar",
        "campaign_id": "c1",
        "industry": "it",
        "is_target_industry": target,
        "company_size": size,
        "mql_at": pd.NaT,
        "owner_team": "is_east",
    }
    row.update({k: T(v) if k.endswith("_at") else v for k, v in extra.items()})
    return row


def activity(
    activity_id: str, lead_id: str, at: str, kind: str, category: str | None = None
) -> dict[str, Any]:
    return {
        "activity_id": activity_id,
        "lead_id": lead_id,
        "occurred_at": T(at),
        "type": kind,
        "page_category": category,
    }


LEADS = pd.DataFrame(
    [
        # L1: target industry (+10); downloads on 09-01 and 09-10 (+20 each, young) = 50 < 60;
        # pricing on 09-12 (+30) = 80 → crosses 2026-09-12 10:00. Recorded MQL too.
        lead("L1", "2026-08-25 09:00", target=True, mql_at="2026-09-12 11:00"),
        # L2: three downloads on 07-10, 07-11, 07-12; only the 2 most recent count → 40 (not 60);
        # pricing on 07-13 → 20 + 20 + 30 = 70 → crosses 2026-07-13 10:00 (not 07-12).
        lead("L2", "2026-07-01 09:00"),
        # L3: one download (20) and a contact form on 08-20 14:00 → hot lead, ready at once.
        lead("L3", "2026-08-01 09:00"),
        # L4: industry 'other' → disqualified, even with a high score; recorded as MQL by the MA.
        lead("L4", "2026-08-01 09:00", industry="other", size="1000+", mql_at="2026-08-02 09:00"),
        # L5: target (+10) and 1000+ (+50) = 60 from attributes alone → crosses at creation 2026-05-15.
        lead("L5", "2026-05-15 12:00", target=True, size="1000+"),
        # L6: downloads 04-01 and 04-02 = 40; pricing on 05-10: downloads are 39 and 38 days old →
        # one 30-day step → 10 each; 10 + 10 + 30 = 50 < 60 → never crosses (decay stops it).
        lead("L6", "2026-03-20 09:00"),
        # L7: recorded MQL by the MA, no scored behaviour → recorded only.
        lead("L7", "2026-06-01 09:00", mql_at="2026-06-03 09:00"),
        # L8: its only pricing view and contact form are after the as-of date → ignored.
        lead("L8", "2026-09-01 09:00"),
        # L9: created after the as-of date → not a lead yet.
        lead("L9", "2026-10-01 09:00", target=True, size="1000+"),
    ]
)
ACTIVITIES = pd.DataFrame(
    [
        activity("a01", "L1", "2026-09-01 10:00", "download"),
        activity("a02", "L1", "2026-09-10 10:00", "download"),
        activity("a03", "L1", "2026-09-12 10:00", "page_view", "pricing"),
        activity("a04", "L1", "2026-09-13 10:00", "page_view", "blog"),
        activity("a05", "L2", "2026-07-10 10:00", "download"),
        activity("a06", "L2", "2026-07-11 10:00", "download"),
        activity("a07", "L2", "2026-07-12 10:00", "download"),
        activity("a08", "L2", "2026-07-13 10:00", "page_view", "pricing"),
        activity("a09", "L3", "2026-08-19 10:00", "download"),
        activity("a10", "L3", "2026-08-20 14:00", "form_submit"),
        activity("a11", "L4", "2026-08-05 10:00", "page_view", "pricing"),
        activity("a12", "L4", "2026-08-06 10:00", "form_submit"),
        activity("a13", "L6", "2026-04-01 10:00", "download"),
        activity("a14", "L6", "2026-04-02 10:00", "download"),
        activity("a15", "L6", "2026-05-10 10:00", "page_view", "pricing"),
        activity("a16", "L8", "2026-10-02 10:00", "page_view", "pricing"),
        activity("a17", "L8", "2026-10-02 11:00", "form_submit"),
    ]
)


@pytest.fixture()
def scores() -> pd.DataFrame:
    backend = FrameBackend({"leads": LEADS, "activities": ACTIVITIES})
    try:
        return score_leads(backend.fetch, sla(), AS_OF).set_index("lead_id")
    finally:
        backend.close()


def test_leads_created_after_as_of_are_left_out(scores: pd.DataFrame) -> None:
    assert list(scores.index) == ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8"]


def test_crossing_moments(scores: pd.DataFrame) -> None:
    assert scores.loc["L1", "crossed_at"] == T("2026-09-12 10:00")
    assert scores.loc["L2", "crossed_at"] == T("2026-07-13 10:00")  # max_times 2: not on 07-12
    assert scores.loc["L5", "crossed_at"] == T("2026-05-15 12:00")  # attributes alone
    assert pd.isna(scores.loc["L6", "crossed_at"])  # decay keeps it at 50
    assert pd.isna(scores.loc["L3", "crossed_at"])
    assert pd.isna(scores.loc["L8", "crossed_at"])


def test_current_scores_at_the_as_of_date(scores: pd.DataFrame) -> None:
    # L1 at 09-30: downloads 29 and 20 days old, pricing 18 days → no decay step: 10 + 20 + 20 + 30 = 80.
    # L2: downloads of 07-11 and 07-12 are 81 and 80 days old → 2 steps → 5 each; pricing 79 days → 7.5.
    # L3: download 42 days old → 10.
    # L6: downloads 182/181 days → 6 steps → 0.3125 each; pricing 143 days → 4 steps → 1.875.
    # L4: 'other' and 1000+ → 50; pricing 56 days → 15 → 65. L5: 60. L7, L8: 0.
    expected = {"L1": 80, "L2": 17.5, "L3": 10, "L4": 65, "L5": 60, "L6": 2.5, "L7": 0, "L8": 0}
    assert scores["score"].to_dict() == pytest.approx(expected)


def test_hot_lead_and_disqualifier(scores: pd.DataFrame) -> None:
    assert scores.loc["L3", "hot_at"] == T("2026-08-20 14:00")
    assert scores.loc["L3", "ready_at"] == T("2026-08-20 14:00")
    assert bool(scores.loc["L4", "disqualified"])
    assert scores.loc["L4", "hot_at"] == T("2026-08-06 10:00")
    assert pd.isna(scores.loc["L4", "ready_at"])  # disqualified leads are never rule-derived
    assert pd.isna(scores.loc["L8", "hot_at"])  # the form after as-of does not count


def test_recorded_against_rule_derived_mqls(scores: pd.DataFrame) -> None:
    # Recorded: L1, L4, L7 = 3. Rule-derived: L1, L2, L3, L5 = 4. Both: L1 = 1.
    comparison = compare_mqls(scores.reset_index())
    assert (comparison.recorded, comparison.rule_derived, comparison.both) == (3, 4, 1)


def test_score_at_least_series_counts_by_the_month_leads_became_ready(scores: pd.DataFrame) -> None:
    # L5 in 2026-05, L2 in 2026-07, L3 in 2026-08, L1 in 2026-09; other months 0.
    series = score_at_least_series(scores.reset_index(), series_periods("month", AS_OF))
    values = {point.period: point.value for point in series}
    assert values == {
        "2025-10": 0.0,
        "2025-11": 0.0,
        "2025-12": 0.0,
        "2026-01": 0.0,
        "2026-02": 0.0,
        "2026-03": 0.0,
        "2026-04": 0.0,
        "2026-05": 1.0,
        "2026-06": 0.0,
        "2026-07": 1.0,
        "2026-08": 1.0,
        "2026-09": 1.0,
    }


def test_score_distribution_excludes_disqualified_leads(scores: pd.DataFrame) -> None:
    # Threshold 60 → bins of 12 up to 120. Scores (L4 left out): 80, 17.5, 10, 60, 2.5, 0, 0.
    histogram = score_distribution(scores.reset_index(), 60)
    assert histogram.edges == (0.0, 12.0, 24.0, 36.0, 48.0, 60.0, 72.0, 84.0, 96.0, 108.0, 120.0)
    # [0,12): 10, 2.5, 0, 0 → 4; [12,24): 17.5 → 1; [60,72): 60 → 1; [72,84): 80 → 1.
    assert histogram.counts == (4, 1, 0, 0, 0, 1, 1, 0, 0, 0)


def test_without_decay_the_old_downloads_keep_their_points() -> None:
    # L6 without decay: 20 + 20 + 30 = 70 on 05-10 → crosses then.
    backend = FrameBackend({"leads": LEADS, "activities": ACTIVITIES})
    try:
        scores = score_leads(backend.fetch, sla(decay=None), AS_OF).set_index("lead_id")
    finally:
        backend.close()
    assert scores.loc["L6", "crossed_at"] == T("2026-05-10 10:00")
    assert scores.loc["L6", "score"] == 70


def test_only_attribute_rules_still_runs() -> None:
    attribute_only = sla(
        rules=[{"id": "target_industry", "label": "t", "points": 60, "filter": "is_target_industry"}]
    )
    backend = FrameBackend({"leads": LEADS, "activities": ACTIVITIES})
    try:
        scores = score_leads(backend.fetch, attribute_only, AS_OF).set_index("lead_id")
    finally:
        backend.close()
    assert scores.loc["L1", "crossed_at"] == T("2026-08-25 09:00")
    assert scores.loc["L2", "score"] == 0


def test_a_filter_outside_the_whitelist_is_a_measure_error() -> None:
    bad = sla(
        rules=[
            {"id": "bad", "label": "b", "points": 5, "activity": "download", "filter": "lower(type) = 'x'"}
        ]
    )
    with pytest.raises(MeasureError, match="scoring rule bad"):
        scoring_query(bad, AS_OF)


def test_the_query_renders_for_postgres_too() -> None:
    sql = scoring_query(sla(), AS_OF).sql("postgres")
    assert "LEAD(at, 2) OVER (PARTITION BY lead_key ORDER BY at)" in sql
    assert "relevant AS MATERIALIZED" in sql
    assert "POWER(0.5" in sql


def test_score_at_least_cells_by_segment(scores: pd.DataFrame) -> None:
    # Over Q2 of the fiscal year (Jul–Sep): L2 (07-13), L3 (08-20), L1 (09-12) — all webinar leads.
    # Split by company size: L1 50-299, L2 50-299, L3 50-299 → one segment of 3.
    end = dt.datetime(2026, 10, 1)
    scope = Scope("quarter", dt.datetime(2026, 7, 1), end, end, "company_size")
    cells = score_at_least_cells(scores.reset_index(), scope)
    assert {key: cell.value for key, cell in cells.items()} == {(dt.date(2026, 7, 1), "50-299"): 3.0}
    # The whole trailing year as one window: L5 (05-15) joins them → 4.
    window = Scope("window", dt.datetime(2025, 10, 1), end, end)
    assert score_at_least_cells(scores.reset_index(), window) == {
        (dt.date(2025, 10, 1), None): Cell(4.0, support=4.0)
    }


def test_mql_criteria_of_the_contract_must_hold() -> None:
    # Criterion "target industry": L2 and L3 (not target) are no longer rule-derived; L1 and L5 stay.
    target_only = sla(criteria=[{"id": "target", "label": "t", "filter": "is_target_industry"}])
    backend = FrameBackend({"leads": LEADS, "activities": ACTIVITIES})
    try:
        scores = score_leads(backend.fetch, target_only, AS_OF)
    finally:
        backend.close()
    assert sorted(scores.loc[scores["ready_at"].notna(), "lead_id"]) == ["L1", "L5"]
    assert compare_mqls(scores) == MqlComparison(recorded=3, rule_derived=2, both=1)
    # Crossing is still reported: the lead reached the score, it just is not an MQL by contract.
    assert scores.set_index("lead_id").loc["L2", "crossed_at"] == T("2026-07-13 10:00")
