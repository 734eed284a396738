"""Segments: each KPI over the latest complete fiscal quarter per lead attribute, small groups suppressed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import product
from pathlib import Path
from typing import Any

import pandas as pd
from measure_kit import T, activities, channel_kpis, kpi, leads, measure, values

from generator.model.measurement import SegmentValue


def segment_leads() -> pd.DataFrame:
    rows = []
    for n in range(1, 7):  # webinar: 6 leads in the quarter, 3 become MQL
        rows.append(
            {
                "lead_id": f"W{n}",
                "channel": "webinar",
                "industry": "it",
                "created_at": T(f"2026-07-0{n}"),
                "mql_at": T(f"2026-08-0{n}") if n <= 3 else None,
            }
        )
    for n in range(1, 5):  # ads: 4 leads — under k = 5
        rows.append(
            {"lead_id": f"A{n}", "channel": "ads", "industry": "it", "created_at": T(f"2026-08-0{n}")}
        )
    for n in range(1, 6):  # inquiry: 5 leads in June, before the quarter — absent
        rows.append(
            {"lead_id": f"I{n}", "channel": "inquiry", "industry": "it", "created_at": T(f"2026-06-0{n}")}
        )
    for n in range(1, 6):  # event: exactly k = 5 leads, 1 MQL — shown
        rows.append(
            {
                "lead_id": f"E{n}",
                "channel": "event",
                "industry": "finance",
                "created_at": T(f"2026-09-0{n}"),
                "mql_at": T("2026-09-20") if n == 1 else None,
            }
        )
    return leads(rows)


def segment_activities() -> pd.DataFrame:
    rows = [(f"W{n}", f"2026-08-1{n}", "download") for n in range(1, 7)]  # it: 6 rows
    rows += [("E1", f"2026-09-1{n}", "download") for n in range(1, 4)]  # finance: 3 rows
    rows += [("E2", "2026-06-15", "download")]  # before the quarter
    return activities(rows)


def test_segments_over_the_latest_full_quarter_with_suppression(tmp_path: Path) -> None:
    new_leads, lead_to_mql = channel_kpis()
    downloads = kpi(
        "downloads", {"measure": "count", "table": "activities", "time": "occurred_at"}, segments=["industry"]
    )
    result = measure(
        tmp_path,
        {"leads": segment_leads(), "activities": segment_activities()},
        [new_leads, lead_to_mql, downloads],
    )
    # Quarter FY2026-Q2 (July–September 2026). Counts carry no denominator; suppressed values carry nothing.
    # ads (4 leads < 5) is hidden; alone, it would be the total 15 − 5 − 6, so the next-smallest
    # channel, event (5), is hidden with it: the page then gives only ads + event = 9.
    assert result.kpis["new_leads"].segments == (
        SegmentValue("channel", "ads", None, None, suppressed=True),
        SegmentValue("channel", "event", None, None, suppressed=True),
        SegmentValue("channel", "webinar", 6.0, None),
    )
    # Cohorts: webinar 3 of 6 MQL = 0.5; ads 4 leads < 5 and event (the next-smallest) suppressed.
    assert result.kpis["lead_to_mql"].segments == (
        SegmentValue("channel", "ads", None, None, suppressed=True),
        SegmentValue("channel", "event", None, None, suppressed=True),
        SegmentValue("channel", "webinar", 0.5, 6.0),
    )
    # Activities get the lead's industry through lead_id: finance 3 rows (< 5) is hidden, and so is
    # it (6 rows), the only other industry — shown, it would give finance as total − 6.
    assert result.kpis["downloads"].segments == (
        SegmentValue("industry", "finance", None, None, suppressed=True),
        SegmentValue("industry", "it", None, None, suppressed=True),
    )


def hidden_solutions(
    published: Sequence[SegmentValue], leads: int, mqls: int, k: int
) -> list[dict[str, Any]]:
    """Every (MQLs, leads) of the hidden channels consistent with what the page shows: the shown
    channels, the quarter's totals, a member per listed channel, each hidden at most the smallest
    shown, at least one under k, MQLs within leads."""
    shown = [s for s in published if not s.suppressed]
    hidden = [s.key for s in published if s.suppressed]
    shown_leads = sum(int(s.denominator or 0) for s in shown)
    shown_mqls = sum(round((s.value or 0) * (s.denominator or 0)) for s in shown)
    cap = min(int(s.denominator or 0) for s in shown)
    found = []
    for sizes in product(range(1, cap + 1), repeat=len(hidden)):
        if sum(sizes) != leads - shown_leads or min(sizes) >= k:
            continue
        for converted in product(*(range(size + 1) for size in sizes)):
            if sum(converted) == mqls - shown_mqls:
                found.append(dict(zip(hidden, zip(converted, sizes, strict=True), strict=True)))
    return found


def test_a_channel_under_k_in_one_dimension_only_cannot_be_derived(tmp_path: Path) -> None:
    # ads (4 leads, 0 MQL) is under k = 5 by channel only; by industry it sits in it (10 leads).
    lead_to_mql = kpi(
        "lead_to_mql",
        {
            "measure": "conversion",
            "table": "leads",
            "cohort": "created_at",
            "converted": "mql_at",
            "window_days": 90,
        },
        segments=["channel", "industry"],
    )
    measured = measure(tmp_path, {"leads": segment_leads()}, [lead_to_mql]).kpis["lead_to_mql"]
    # The quarter's totals, from the series (July–September cohorts): 15 leads, 3 + 0 + 1 = 4 MQLs.
    quarter = [p for p in measured.series if p.period in ("2026-07", "2026-08", "2026-09")]
    leads_total = round(sum(p.denominator or 0 for p in quarter))
    mqls_total = round(sum(p.numerator or 0 for p in quarter))
    assert (leads_total, mqls_total) == (15, 4)
    industries = [s for s in measured.segments if s.dimension == "industry"]
    assert [(s.key, s.value, s.denominator) for s in industries] == [("finance", 0.2, 5.0), ("it", 0.3, 10.0)]
    by_channel = [s for s in measured.segments if s.dimension == "channel"]
    solutions = hidden_solutions(by_channel, leads_total, mqls_total, 5)
    # ads + event = 9 leads, 1 MQL: ads has 3, 4, 5 or 6 leads and 0 or 1 MQL — nothing is pinned.
    assert {s["ads"][1] for s in solutions} == {3, 4, 5, 6}
    assert len({s["ads"][0] / s["ads"][1] for s in solutions}) > 1
    assert len({s["event"][0] / s["event"][1] for s in solutions}) > 1
    # What the page showed before: event (1 of 5) shown, ads alone hidden — exactly 0 of 4.
    before = [SegmentValue("channel", "event", 0.2, 5.0) if s.key == "event" else s for s in by_channel]
    assert hidden_solutions(before, leads_total, mqls_total, 5) == [{"ads": (0, 4)}]


def test_k_anonymity_is_configurable_and_the_quarter_moves_with_as_of(tmp_path: Path) -> None:
    new_leads = kpi(
        "new_leads", {"measure": "count", "table": "leads", "time": "created_at"}, segments=["channel"]
    )
    lower_k = measure(tmp_path / "k3", {"leads": segment_leads()}, [new_leads], k_anonymity=3)
    assert [(s.key, s.value) for s in lower_k.kpis["new_leads"].segments] == [
        ("ads", 4.0),
        ("event", 5.0),
        ("webinar", 6.0),
    ]
    # As of 2026-09-29 the latest complete quarter is April–June: only the inquiry leads.
    earlier = measure(tmp_path / "june", {"leads": segment_leads()}, [new_leads], as_of=dt.date(2026, 9, 29))
    assert [(s.key, s.value) for s in earlier.kpis["new_leads"].segments] == [("inquiry", 5.0)]


def test_a_table_without_lead_id_cannot_be_split_by_channel(tmp_path: Path) -> None:
    costs = pd.DataFrame(
        {
            "cost_id": ["c1"],
            "incurred_at": [T("2026-09-01")],
            "category": ["ads"],
            "amount_yen": [1000.0],
            "campaign_id": ["cmp1"],
        }
    )
    spend = kpi(
        "spend",
        {"measure": "sum", "table": "costs", "column": "amount_yen", "time": "incurred_at"},
        segments=["channel"],
    )
    result = measure(tmp_path, {"leads": segment_leads(), "costs": costs}, [spend])
    measured = result.kpis["spend"]
    assert measured.series[-1].value == 1000.0  # the series is measured…
    assert "costs has no lead_id" in (measured.error or "")  # …and the impossible split is reported


def test_counts_split_by_two_lead_attributes_from_one_cube(tmp_path: Path) -> None:
    # Two counts split two ways and their monthly series: one cube (each activity of the segments'
    # quarter joined to its lead's combination of channel and campaign; earlier rows counted without).
    # Campaign is nullable: a NULL campaign is the 「(未設定)」 segment.
    people = leads(
        [
            {"lead_id": "P1", "channel": "webinar", "campaign_id": "c1"},
            {"lead_id": "P2", "channel": "webinar", "campaign_id": "c2"},
            {"lead_id": "P3", "channel": "ads", "campaign_id": "c1"},
            {"lead_id": "P4", "channel": "ads", "campaign_id": None},
            {"lead_id": "P5", "channel": "webinar", "campaign_id": None},
        ]
    )
    rows = activities(
        [
            ("P1", "2026-06-20", "download"),  # before the quarter
            ("P1", "2026-07-02", "download"),
            ("P1", "2026-08-02", "download"),
            ("P1", "2026-08-03", "page_view"),
            ("P2", "2026-07-10", "download"),
            ("P3", "2026-07-11", "download"),
            ("P3", "2026-07-12", "download"),
            ("P3", "2026-09-30", "download"),
            ("P3", "2026-09-01", "page_view"),
            ("P3", "2026-09-02", "page_view"),
            ("P4", "2026-08-20", "download"),
            ("P4", "2026-08-21", "page_view"),
            ("P5", "2026-09-15", "page_view"),
        ]
    )
    split = ["campaign", "channel"]
    downloads = kpi(
        "downloads",
        {"measure": "count", "table": "activities", "time": "occurred_at", "filter": "type = 'download'"},
        segments=split,
    )
    views = kpi(
        "views",
        {"measure": "count", "table": "activities", "time": "occurred_at", "filter": "type = 'page_view'"},
        segments=split,
    )
    result = measure(tmp_path, {"leads": people, "activities": rows}, [downloads, views], k_anonymity=1)

    def by_key(kpi_id: str) -> dict[tuple[str, str], float | None]:
        return {(s.dimension, s.key): s.value for s in result.kpis[kpi_id].segments}

    # The series counts every row, inside the quarter or not.
    assert values(result.kpis["downloads"])["2026-06"] == 1.0  # P1 06-20
    assert values(result.kpis["downloads"])["2026-07"] == 4.0  # P1, P2, P3 ×2
    assert values(result.kpis["views"])["2026-09"] == 3.0  # P3 ×2, P5
    # Downloads in July–September: P1 2, P2 1, P3 3, P4 1.
    assert by_key("downloads") == {
        ("campaign", "c1"): 5.0,  # P1 2 + P3 3
        ("campaign", "c2"): 1.0,  # P2
        ("campaign", "(未設定)"): 1.0,  # P4
        ("channel", "ads"): 4.0,  # P3 3 + P4 1
        ("channel", "webinar"): 3.0,  # P1 2 + P2 1
    }
    # Page views: P1 1, P3 2, P4 1, P5 1.
    assert by_key("views") == {
        ("campaign", "c1"): 3.0,  # P1 1 + P3 2
        # c2 has cube cells (P2's download) but no page view: the sum over no matching cell is NULL
        # (as before the combinations; not 0 — noted for the engine's owner).
        ("campaign", "c2"): None,
        # (未設定) (P4, P5: 2) is hidden with c2, which alone would be the total 5 − 3 − 2 = 0.
        ("campaign", "(未設定)"): None,
        ("channel", "ads"): 3.0,  # P3 2 + P4 1
        ("channel", "webinar"): 2.0,  # P1, P5
    }
