"""The Salesforce presets: a Leads report, and an Opportunities report that also makes one lead per deal."""

from __future__ import annotations

import datetime as dt

from import_kit import ImportRun, fixture, monthly


def test_leads_report_with_us_dates(run_import: ImportRun) -> None:
    done = run_import("--preset", "salesforce-leads", fixture("salesforce-leads.csv"))
    assert done.exit_code == 0, done.output
    # Row 4: Lead Source "Other" has no channel. Row 7: Converted Date "31/5/2026" is day-first,
    # which a US report (month/day/year) never writes, so it is refused rather than guessed.
    assert done.rejected("leads") == [(4, "unmapped_value", "channel"), (7, "unreadable_date", "sql_at")]
    assert done.column("leads", "created_at")[:2] == [dt.datetime(2026, 4, 2), dt.datetime(2026, 4, 9)]
    assert done.column("leads", "industry") == ["manufacturing", "finance", "it", "construction", "other"]
    measured = done.measure("new_leads", "sql_count")
    # Kept: 001 04-02, 002 04-09 | 004 05-01, 005 05-07 | 007 06-03.
    assert monthly(measured, "new_leads") == {"2026-04": 2, "2026-05": 2, "2026-06": 1}
    # Converted dates of kept rows: 001 04-20 | 004 05-12, 005 05-30.
    assert monthly(measured, "sql_count") == {"2026-04": 1, "2026-05": 2}


def test_opportunities_become_deals_and_a_lead_each(run_import: ImportRun) -> None:
    done = run_import("--preset", "salesforce-opportunities", fixture("salesforce-opportunities.csv"))
    assert done.exit_code == 0, done.output
    # Row 7: Amount "TBD". Row 9: Stage "Perhaps" is no Salesforce stage. Both deals are rejected;
    # their leads are kept (the leads table reads neither the amount nor the stage's label).
    assert done.rejected("deals") == [(7, "unreadable_number", "amount_yen"), (9, "unmapped_value", "stage")]
    assert done.rejected("leads") == []
    assert done.column("deals", "stage") == [
        "closed_won", "closed_lost", "closed_won", "negotiation", "closed_lost", "closed_won",
    ]  # fmt: skip
    assert done.column("deals", "is_won") == [True, False, True, False, False, True]
    assert done.column("deals", "amount_yen")[2] == 1_500_000  # "1,500,000" with its separators
    assert done.column("deals", "closed_at")[3] is None  # still open: no close date taken
    assert done.column("leads", "channel")[2] is None  # empty Lead Source, kept (required: false)
    measured = done.measure("deals_won", "marketing_sourced_revenue")
    # Won and kept: 001 05-15 ¥1,200,000 | 003 (受注) 06-20 ¥1,500,000 | 007 07-28 ¥600,000.
    assert monthly(measured, "deals_won") == {"2026-05": 1, "2026-06": 1, "2026-07": 1}
    assert monthly(measured, "marketing_sourced_revenue") == {
        "2026-05": 1_200_000, "2026-06": 1_500_000, "2026-07": 600_000,
    }  # fmt: skip
