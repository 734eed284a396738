"""Campaign segments carry the campaign's name from the campaigns table; the ids stay the keys."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from measure_kit import T, kpi, leads, measure

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
    measured = measure(tmp_path, {"leads": leads(rows), "campaigns": campaigns}, [LEADS_BY_CAMPAIGN])
    segments = {s.key: (s.label, s.value) for s in measured.kpis["leads_by_campaign"].segments}
    assert segments == {
        "CP001": ("Google 検索広告", 6.0),
        "CP002": ("秋の展示会 | 東京", 5.0),
        "CP003": (None, 7.0),  # no name known: the page shows the id
    }
