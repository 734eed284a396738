"""Campaign segments carry the campaign's name from the campaigns table; the ids stay the keys."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from measure_kit import T, kpi, leads, measure
from sqlglot import exp
from test_privacy import RecordingBackend, personal_names

LEADS_BY_CAMPAIGN = kpi(
    "leads_by_campaign",
    {"measure": "count", "table": "leads", "time": "created_at"},
    segments=["campaign"],
)


def test_campaign_segments_are_named_and_keep_their_ids(tmp_path: Path) -> None:
    # As of 2026-09-30 segments cover FY2026-Q2 (July–September): 6 leads from CP001, 5 from CP002,
    # 7 from CP003 whose campaign has no row; k = 5 hides none of them.
    rows = (
        [{"lead_id": f"a{i}", "campaign_id": "CP001", "created_at": T("2026-07-10")} for i in range(6)]
        + [{"lead_id": f"b{i}", "campaign_id": "CP002", "created_at": T("2026-08-10")} for i in range(5)]
        + [{"lead_id": f"c{i}", "campaign_id": "CP003", "created_at": T("2026-09-10")} for i in range(7)]
    )
    campaigns = pd.DataFrame(
        {
            "campaign_id": ["CP001", "CP002"],
            "name": ["Google 検索広告", "秋の展示会 | 東京"],
            "program": ["ads", "event"],
            "started_at": [T("2025-04-01"), T("2026-08-01")],
        }
    )
    recorder = RecordingBackend()
    frames = {"leads": leads(rows), "campaigns": campaigns}
    measured = measure(tmp_path, frames, [LEADS_BY_CAMPAIGN], backend=recorder)
    segments = {s.key: (s.label, s.value) for s in measured.kpis["leads_by_campaign"].segments}
    assert segments == {
        "CP001": ("Google 検索広告", 6.0),
        "CP002": ("秋の展示会 | 東京", 5.0),
        "CP003": (None, 7.0),  # no name known: the page shows the id
    }
    # The names come from one query on the campaigns table alone; no query names a personal column.
    named = [q for q in recorder.queries if {t.name for t in q.find_all(exp.Table)} == {"campaigns"}]
    assert [sorted(c.name for c in q.find_all(exp.Column)) for q in named] == [["campaign_id", "name"]]
    assert not [q.sql() for q in recorder.queries if personal_names(q)]


def test_campaigns_are_not_read_when_no_kpi_splits_by_campaign(tmp_path: Path) -> None:
    recorder = RecordingBackend()
    by_channel = LEADS_BY_CAMPAIGN.model_copy(update={"segments": ["channel"]})
    measure(
        tmp_path, {"leads": leads([{"lead_id": "a", "campaign_id": "CP001"}])}, [by_channel], backend=recorder
    )
    assert not [q for q in recorder.queries if "campaigns" in {t.name for t in q.find_all(exp.Table)}]
