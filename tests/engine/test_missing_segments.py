"""A lead without a segment value and a lead whose value is the word ``unknown`` stay two segments.

Imported CRMs write "unknown" as a real value (an industry no one filled in on the form), and leave
the field empty elsewhere: both must be counted, each under its own key. Empty values get the key
「(未設定)」, which pages and charts show as written. Measured on DuckDB and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from measure_kit import T, channel_kpis, kpi, leads, measure
from test_parity import postgres  # noqa: F401  (the throwaway server, a fixture)

from generator.engine.backend import Backend
from generator.engine.scope import MISSING_SEGMENT
from generator.model.measurement import MeasurementSet

BACKENDS = ["duckdb", pytest.param("postgres", marks=pytest.mark.slow)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend | None]:
    if request.param == "duckdb":
        yield None  # the embedded engine measure_project opens itself
        return
    from generator.engine.postgres_backend import PostgresBackend

    opened = PostgresBackend(request.getfixturevalue("postgres"))
    try:
        yield opened
    finally:
        opened.close()


def mixed_channels() -> list[dict[str, object]]:
    """All created in FY2026-Q2 (July–September 2026), the segments' quarter:
    webinar 6 leads (2 MQL), the literal 'unknown' 5 leads (1 MQL), no channel 7 leads (3 MQL)."""
    rows: list[dict[str, object]] = []
    for channel, members, mqls in (("webinar", 6, 2), ("unknown", 5, 1), (None, 7, 3)):
        for n in range(members):
            rows.append(
                {
                    "lead_id": f"{channel}-{n}",
                    "channel": channel,
                    "created_at": T(f"2026-08-{n + 1:02d}"),
                    "mql_at": T(f"2026-08-{n + 10:02d}") if n < mqls else None,
                }
            )
    return rows


def measured(tmp_path: Path, backend: Backend | None) -> MeasurementSet:
    new_leads, lead_to_mql = channel_kpis()
    return measure(tmp_path, {"leads": leads(mixed_channels())}, [new_leads, lead_to_mql], backend=backend)


def test_a_missing_channel_and_a_literal_unknown_are_two_segments(
    tmp_path: Path, backend: Backend | None
) -> None:
    result = measured(tmp_path, backend)
    counts = {s.key: s.value for s in result.kpis["new_leads"].segments}
    # 6 + 5 + 7 = 18 leads, the August total: no segment lost.
    assert counts == {"webinar": 6.0, "unknown": 5.0, MISSING_SEGMENT: 7.0}
    assert MISSING_SEGMENT == "(未設定)"
    rates = {s.key: (round(s.value or 0.0, 6), s.denominator) for s in result.kpis["lead_to_mql"].segments}
    assert rates == {
        "webinar": (round(2 / 6, 6), 6.0),
        "unknown": (round(1 / 5, 6), 5.0),
        MISSING_SEGMENT: (round(3 / 7, 6), 7.0),
    }


def test_the_funnel_keeps_both_channels(tmp_path: Path, backend: Backend | None) -> None:
    funnel = measured(tmp_path, backend).funnel
    assert funnel is not None
    leads_by_channel = {channel: stages[0].count for channel, stages in funnel.by_channel.items()}
    assert leads_by_channel == {"webinar": 6, "unknown": 5, MISSING_SEGMENT: 7}
    assert funnel.overall[0].count == 18


def test_a_small_missing_segment_is_still_suppressed(tmp_path: Path) -> None:
    # Webinar 6, 'unknown' 5, no channel 4 (leads 0–3): the 4 are under k = 5 and hidden; the site
    # shows the total (15), so the smallest shown cell ('unknown', 5) is hidden too, or 15 − 6 − 5 = 4.
    rows = [r for r in mixed_channels() if r["channel"] is not None or int(str(r["lead_id"])[-1]) < 4]
    new_leads = kpi(
        "new_leads", {"measure": "count", "table": "leads", "time": "created_at"}, segments=["channel"]
    )
    result = measure(tmp_path, {"leads": leads(rows)}, [new_leads])
    shown = {s.key: (s.value, s.suppressed) for s in result.kpis["new_leads"].segments}
    assert shown == {"webinar": (6.0, False), "unknown": (None, True), MISSING_SEGMENT: (None, True)}


def test_a_stage_the_data_never_records_is_left_out_not_zero(tmp_path: Path, backend: Backend | None) -> None:
    # The fixture records MQL dates only: 18 leads, 6 MQLs (2 + 1 + 3). SQL, opportunity and won are
    # never recorded — a list of MQLs, not a CRM — so the funnel stops at MQL and names the rest, instead
    # of 0 SQLs and 0.0% MQL→SQL.
    funnel = measured(tmp_path, backend).funnel
    assert funnel is not None
    assert [(s.stage, s.count) for s in funnel.overall] == [("leads", 18), ("mql", 6)]
    assert funnel.overall[1].conversion_from_previous == pytest.approx(6 / 18)
    assert funnel.unrecorded == ("sql", "opportunity", "won")
