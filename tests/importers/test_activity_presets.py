"""The activity presets: HubSpot email events, Salesforce Tasks and the Marketo activity log → activities.

Each fixture is written from the vendor's documented column names with synthetic rows; the counts in
the comments are hand counts over the fixture's spreadsheet rows (row 1 is the header).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_kit import FIXTURES, ImportRun, fixture, monthly


def test_hubspot_email_events_find_their_contacts_by_email(run_import: ImportRun, tmp_path: Path) -> None:
    data = tmp_path / "data"
    contacts = run_import("--preset", "hubspot-contacts", fixture("hubspot-contacts.csv"), data_dir=data)
    assert contacts.exit_code == 0, contacts.output
    done = run_import(
        "--preset",
        "hubspot-email-events",
        f"events={FIXTURES / 'hubspot-email-events.csv'}",
        f"contacts={FIXTURES / 'hubspot-contacts.csv'}",
        data_dir=data,
    )
    assert done.exit_code == 0, done.output
    # 17 events (rows 2-18). Row 9 PROCESSED and row 16 STATUSCHANGE have no activity type; row 15's
    # recipient is not a contact (no lead id); row 17 has no date; row 18 repeats event e05.
    activities = done.table_report("activities")
    assert (activities["rows_read"], activities["rows_written"], activities["rows_rejected"]) == (17, 12, 5)
    assert done.rejected("activities") == [
        (9, "unmapped_value", "type"),
        (15, "missing_value", "lead_id"),
        (16, "unmapped_value", "type"),
        (17, "unreadable_date", "occurred_at"),
        (18, "duplicate_key", "activity_id"),
    ]
    assert done.column("activities", "lead_id") == [
        "101", "101", "101", "101", "101", "102", "102", "103", "103", "104", "104", "104",
    ]  # fmt: skip
    assert done.column("activities", "type")[7:] == [
        "email_sent", "email_bounce", "email_sent", "email_delivered", "email_unsubscribe",
    ]  # fmt: skip
    # filteredEvent marks e03 as a machine open; e04 is a person's.
    assert done.column("activities", "is_machine_open")[2:4] == [True, False]
    assert done.column("activities", "send_id")[0] == "5001"
    # No recipient address is written anywhere: not in the table, not in the report.
    written = str(done.table("activities").to_pylist()) + str(done.report) + done.output
    assert "example.com" not in written and "example.org" not in written
    measured = done.measure("email_open_rate", "email_open_rate_human", "email_delivery_rate")
    # June: opens e03 e04 / delivered e02 e07 = 2/2; people's opens e04 only = 1/2.
    assert monthly(measured, "email_open_rate") == {"2026-06": 1.0}
    assert monthly(measured, "email_open_rate_human") == {"2026-06": 0.5}
    # Delivered / sent: June e02 e07 of e01 e06 e09 = 2/3; July e12 of e11 = 1/1.
    assert monthly(measured, "email_delivery_rate") == pytest.approx({"2026-06": 2 / 3, "2026-07": 1.0})


def test_salesforce_tasks_keep_logged_emails_and_count_calls_as_rejected(run_import: ImportRun) -> None:
    done = run_import("--preset", "salesforce-tasks", fixture("salesforce-tasks.csv"))
    assert done.exit_code == 0, done.output
    # 7 tasks (rows 2-8). Row 3 is a call and row 5 a meeting (Task Subtype Task): the canonical
    # activities have no such type. Row 7 has no Lead ID; row 8 no date at all.
    activities = done.table_report("activities")
    assert (activities["rows_read"], activities["rows_written"], activities["rows_rejected"]) == (7, 3, 4)
    assert activities["rejected_by_reason"] == {
        "missing_value:lead_id": 1,
        "missing_value:occurred_at": 1,
        "unmapped_value:type": 2,
    }
    assert done.column("activities", "type") == ["email_sent"] * 3
    assert done.column("activities", "send_id") == ["salesforce_task"] * 3
    # Completed Date/Time "6/3/2026 10:15 AM"; row 4 has none, so its Date (6/10/2026) is taken.
    assert done.column("activities", "occurred_at") == [
        dt.datetime(2026, 6, 3, 10, 15), dt.datetime(2026, 6, 10), dt.datetime(2026, 7, 1, 9, 0),
    ]  # fmt: skip
    assert done.column("activities", "lead_id") == ["00Q000000000001", "00Q000000000002", "00Q000000000004"]


def test_marketo_activity_log_by_activity_type_name(run_import: ImportRun) -> None:
    done = run_import("--preset", "marketo-activities", fixture("marketo-activities.csv"))
    assert done.exit_code == 0, done.output
    # 13 activities (rows 2-14). Row 8 "Change Score" and row 14 "Add to List" are no canonical type;
    # row 12 has no Lead ID; row 13's Is Bot Activity "maybe" is no boolean.
    assert done.rejected("activities") == [
        (8, "unmapped_value", "type"),
        (12, "missing_value", "lead_id"),
        (13, "unreadable_boolean", "is_machine_open"),
        (14, "unmapped_value", "type"),
    ]
    assert done.column("activities", "type") == [
        "email_sent", "email_delivered", "email_open", "email_click", "page_view", "form_submit",
        "email_sent", "email_bounce", "email_unsubscribe",
    ]  # fmt: skip
    # Is Bot Activity true on 1003; empty cells are not machine opens.
    assert done.column("activities", "is_machine_open")[:3] == [False, False, True]
    assert done.column("activities", "campaign_id")[4] is None  # a page visit has no campaign
    assert done.report["tables"][0]["examples"]  # the unmapped labels are shown: they are not personal
    examples = str(done.report["tables"][0]["examples"])
    assert "Change Score" in examples and "Add to List" in examples


def test_marketo_bulk_extract_by_activity_type_id(run_import: ImportRun, tmp_path: Path) -> None:
    extract = tmp_path / "bulk.csv"
    extract.write_text(
        "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,"
        "primaryAttributeValue,attributes\n"
        "9001,501,2026-06-02T00:00:00Z,6,3001,77,Newsletter June,"
        '"[{""name"":""Choice Number"",""value"":1}]"\n'
        "9002,501,2026-06-02T00:05:00Z,10,3001,77,Newsletter June,[]\n"
        "9003,501,2026-06-02T00:06:00Z,22,,,,[]\n",  # 22: Change Score
        encoding="utf-8",
    )
    done = run_import("--preset", "marketo-activities", str(extract))
    assert done.exit_code == 0, done.output
    assert done.rejected("activities") == [(4, "unmapped_value", "type")]
    assert done.column("activities", "type") == ["email_sent", "email_open"]
    # 00:00 UTC is 09:00 in Japan: stored as Asia/Tokyo time.
    assert done.column("activities", "occurred_at")[0] == dt.datetime(2026, 6, 2, 9, 0)
