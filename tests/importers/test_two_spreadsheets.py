"""The two-spreadsheet start: an MQL list saved by Excel in Japan (Shift_JIS/CP932, Japanese headers)
and a won-deals list as .xlsx (date cells, an Excel serial number, text amounts), joined by ID."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from import_kit import FIXTURES, ImportRun, monthly


def won_deals_xlsx(folder: Path) -> Path:
    """The won-deals sheet as Excel holds it: date cells, one date typed as its serial number."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "受注一覧"
    sheet.append(["ID", "受注日", "セグメント", "金額"])
    sheet.append(["L001", dt.datetime(2026, 5, 20), "大企業", 1_200_000])
    sheet.append(["L003", 46188, "中堅", 800_000])  # 46188 days after 1899-12-30 = 2026-06-15
    sheet.append(["L005", dt.datetime(2026, 7, 1, 15, 30), "SMB", None])  # amount is optional
    sheet.append(["L009", "2026/07/20", "中小企業", "¥500,000"])
    sheet.append(["L999", dt.datetime(2026, 7, 25), "大企業", 300_000])  # not in the MQL list
    path = folder / "won.xlsx"
    workbook.save(path)
    return path


def test_mql_list_and_won_deals_into_leads_and_deals(run_import: ImportRun, tmp_path: Path) -> None:
    won = won_deals_xlsx(tmp_path)
    done = run_import("--preset", "mql-and-won-lists", f"mqls={FIXTURES / 'mql-list-sjis.csv'}", f"won={won}")
    assert done.exit_code == 0, done.output
    assert done.report["inputs"][0]["encoding"] == "cp932"  # detected: ㈱ and ① are CP932-only
    assert done.report["inputs"][0]["unmapped_columns"] == ["メモ"]
    # Row 7: origin テレアポ has no channel; row 8: no first contact date.
    assert done.rejected("leads") == [(7, "unmapped_value", "channel"), (8, "missing_value", "created_at")]
    assert done.column("leads", "lead_id") == ["L001", "L002", "L003", "L004", "L005", "L008", "L009"]
    # 2026/04/03 10:00 (yyyy/mm/dd HH:MM), 2026/04/28 (a date), 05-05-2026 (dd-mm-yyyy).
    created = done.column("leads", "created_at")
    assert created[0] == dt.datetime(2026, 4, 3, 10, 0)
    assert created[2] == dt.datetime(2026, 4, 28)
    assert created[3] == dt.datetime(2026, 5, 5)
    # Won dates looked up by ID in the sheet: a date cell, a serial, a date-time cell, text.
    assert done.column("leads", "won_at") == [
        dt.datetime(2026, 5, 20), None, dt.datetime(2026, 6, 15), None,
        dt.datetime(2026, 7, 1, 15, 30), None, dt.datetime(2026, 7, 20),
    ]  # fmt: skip
    assert done.column("leads", "company_size") == ["1000+", None, "300-999", None, "50-299", None, "50-299"]
    assert done.column("deals", "amount_yen") == [1_200_000, 800_000, None, 500_000, 300_000]
    assert done.rejected("deals") == []
    measured = done.measure("mql_count", "deals_won", "marketing_sourced_revenue")
    # MQL (= first contact) dates kept: L001 L002 L003 in April, L004 L005 in May, L008 L009 in June.
    assert monthly(measured, "mql_count") == {"2026-04": 3, "2026-05": 2, "2026-06": 2}
    # Won: L001 05-20 | L003 06-15 | L005, L009, L999 in July (¥500,000 + ¥300,000; L005 has no amount).
    assert monthly(measured, "deals_won") == {"2026-05": 1, "2026-06": 1, "2026-07": 3}
    assert monthly(measured, "marketing_sourced_revenue") == {
        "2026-05": 1_200_000, "2026-06": 800_000, "2026-07": 800_000,
    }  # fmt: skip


def test_a_reimport_is_byte_identical(run_import: ImportRun, tmp_path: Path) -> None:
    won = won_deals_xlsx(tmp_path)
    arguments = ("--preset", "mql-and-won-lists", f"mqls={FIXTURES / 'mql-list-sjis.csv'}", f"won={won}")
    first = run_import(*arguments, data_dir=tmp_path / "a")
    second = run_import(*arguments, data_dir=tmp_path / "b")
    for name in ("leads.parquet", "deals.parquet", "import-report-mql-and-won-lists.json"):
        assert (first.data_dir / name).read_bytes() == (second.data_dir / name).read_bytes()
