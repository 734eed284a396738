"""The HubSpot contacts preset on a fixture export written from HubSpot's default property names."""

from __future__ import annotations

import datetime as dt

from import_kit import ImportRun, fixture, monthly


def test_contacts_become_leads_with_every_rejected_row_and_its_reason(run_import: ImportRun) -> None:
    done = run_import("--preset", "hubspot-contacts", fixture("hubspot-contacts.csv"))
    assert done.exit_code == 0, done.output
    # 10 data rows (spreadsheet rows 2-11). Row 8 has the source "Carrier Pigeon" (not a HubSpot
    # source), row 9 the create date "not a date", row 10 repeats Record ID 101 (row 2 is kept).
    leads = done.table_report("leads")
    assert (leads["rows_read"], leads["rows_written"], leads["rows_rejected"]) == (10, 7, 3)
    assert done.rejected("leads") == [
        (8, "unmapped_value", "channel"),
        (9, "unreadable_date", "created_at"),
        (10, "duplicate_key", "lead_id"),
    ]
    assert leads["rejected_by_reason"] == {
        "duplicate_key:lead_id": 1,
        "unmapped_value:channel": 1,
        "unreadable_date:created_at": 1,
    }
    assert done.column("leads", "lead_id") == ["101", "102", "103", "104", "105", "106", "109"]
    # Original Source → channel; Industry → industry ("Printing" is not mapped: other).
    assert done.column("leads", "channel") == [
        "owned_media", "ads", "owned_media", "referral", "event", "owned_media", "owned_media",
    ]  # fmt: skip
    assert done.column("leads", "industry")[-1] == "other"
    # 105 has a "Became a Customer Date" but its lifecycle stage is Other: not a win.
    assert done.column("leads", "won_at") == [
        dt.datetime(2026, 5, 28, 16, 0),
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    unused = done.report["inputs"][0]["unmapped_columns"]
    assert "Contact Fit Score" in unused and "Lead Status" in unused


def test_mqls_and_new_leads_measured_from_the_import(run_import: ImportRun) -> None:
    done = run_import("--preset", "hubspot-contacts", fixture("hubspot-contacts.csv"))
    measured = done.measure("mql_count", "new_leads")
    # MQL dates of the kept rows: 101 04-10, 102 04-18 | 104 05-05, 105 05-12 | 109 06-03.
    assert monthly(measured, "mql_count") == {"2026-04": 2, "2026-05": 2, "2026-06": 1}
    # Create dates: 101, 102, 103 in April; 104, 105, 106 in May; 109 in June.
    assert monthly(measured, "new_leads") == {"2026-04": 3, "2026-05": 3, "2026-06": 1}


def test_the_report_never_shows_personal_values(run_import: ImportRun) -> None:
    done = run_import("--preset", "hubspot-contacts", fixture("hubspot-contacts.csv"))
    assert done.column("leads", "email")[0] == "aiko.sato@example.com"  # declared personal: carried
    text = done.output + str(done.report)
    for personal in ("example.com", "Sato", "Aiko", "03-0000-0001", "Example Kogyo"):
        assert personal not in text
