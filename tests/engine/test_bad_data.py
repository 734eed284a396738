"""Bad data stops measuring with a clear error naming file, table and column; good CSV reads like Parquet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from measure_kit import T, activities, canonical_sources, kpi, leads, project, write_tables

from generator.engine import DataError, measure_project
from generator.engine.datafiles import check_files, fingerprint

COUNT = kpi("new_leads", {"measure": "count", "table": "leads", "time": "created_at"})
DOWNLOADS = kpi("downloads", {"measure": "count", "table": "activities", "time": "occurred_at"})
LEADS_CSV = (
    "lead_id,created_at,channel,campaign_id,industry,is_target_industry,company_size,mql_at,sql_at,"
    "opportunity_at,won_at,lost_at,owner_team\n"
)


def good_data(tmp_path: Path) -> Path:
    rows = leads(
        [{"lead_id": "L1", "created_at": T("2026-09-01")}, {"lead_id": "L2", "created_at": T("2026-09-02")}]
    )
    return write_tables(
        tmp_path / "data", {"leads": rows, "activities": activities([("L1", "2026-09-03", "download")])}
    )


def run(data: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        measure_project(project([COUNT, DOWNLOADS]), data)
    return caught.value


def test_missing_leads_file(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "leads.parquet").unlink()
    error = run(data)
    assert (error.file, error.table, error.column) == (str(data / "leads.parquet"), "leads", None)
    assert "leads.parquet" in error.message_ja and "data file missing" in error.message_en


def test_a_missing_table_makes_only_the_kpis_that_read_it_unmeasurable(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "activities.parquet").unlink()
    ratio = kpi(
        "downloads_per_lead",
        {"measure": "ratio", "numerator": {"kpi": "downloads"}, "denominator": {"kpi": "new_leads"}},
    )
    result = measure_project(project([COUNT, DOWNLOADS, ratio]), data)
    assert result.kpis["new_leads"].series[-1].value == 2.0  # leads: measured as before
    for kpi_id in ("downloads", "downloads_per_lead"):  # directly, and through the KPI it divides
        measured = result.kpis[kpi_id]
        assert measured.series == ()
        assert measured.error is not None and measured.error.startswith(
            "計測できません — activities が必要です"
        )


def test_missing_file_of_an_unused_table_is_fine(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "campaigns.parquet").unlink()  # no KPI reads campaigns
    result = measure_project(project([COUNT]), data)
    assert result.kpis["new_leads"].series[-1].value == 2.0


@pytest.mark.parametrize("how", ["zero_bytes", "no_rows"])
def test_empty_file(tmp_path: Path, how: str) -> None:
    data = good_data(tmp_path)
    target = data / "activities.parquet"
    if how == "zero_bytes":
        target.write_bytes(b"")
    else:
        table = pq.read_table(target)
        pq.write_table(table.slice(0, 0), target)
    error = run(data)
    assert (error.file, error.table, error.column) == (str(target), "activities", None)
    assert "空" in error.message_ja and "empty" in error.message_en


def test_not_a_parquet_file(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "leads.parquet").write_bytes(b"lead_id,created_at\nL1,2026-09-01\n")
    error = run(data)
    assert (error.table, error.column) == ("leads", None) and "Parquet" in error.message_en


def test_missing_column(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    table = pq.read_table(data / "activities.parquet").drop_columns(["occurred_at"])
    pq.write_table(table, data / "activities.parquet")
    error = run(data)
    assert (error.file, error.table, error.column) == (
        str(data / "activities.parquet"),
        "activities",
        "occurred_at",
    )
    assert "occurred_at" in error.message_ja and "sources.yml" in error.message_en


def test_wrong_type_text_where_a_timestamp_is_expected(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    table = pq.read_table(data / "leads.parquet")
    index = table.schema.get_field_index("created_at")
    as_text = pa.array(["2026-09-01", "2026-09-02"], type=pa.string())
    pq.write_table(table.set_column(index, "created_at", as_text), data / "leads.parquet")
    error = run(data)
    assert (error.table, error.column) == ("leads", "created_at")
    assert "expected timestamp" in error.message_en and "日時" in error.message_ja


def test_personal_columns_may_be_absent(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    table = pq.read_table(data / "leads.parquet").drop_columns(["name", "email", "company", "phone"])
    pq.write_table(table, data / "leads.parquet")
    assert measure_project(project([COUNT]), data).kpis["new_leads"].series[-1].value == 2.0


def test_unparseable_dates_in_csv(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "leads.parquet").unlink()
    (data / "leads.csv").write_text(
        LEADS_CSV
        + "L1,2026-09-01 09:00,webinar,,it,true,50-299,,,,,,is_east\n"
        + "L2,9月2日,webinar,,it,true,50-299,,,,,,is_east\n",
        encoding="utf-8",
    )
    error = run(data)
    assert (error.file, error.table, error.column) == (str(data / "leads.csv"), "leads", "created_at")
    assert "1 value(s)" in error.message_en and "9月2日" in error.message_ja


def test_csv_with_only_a_header_is_empty(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "leads.parquet").unlink()
    (data / "leads.csv").write_text(LEADS_CSV, encoding="utf-8")
    error = run(data)
    assert (error.table, error.column) == ("leads", None) and "empty" in error.message_en


def test_csv_reads_slashed_dates_offsets_and_bom_like_parquet(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    (data / "leads.parquet").unlink()
    (data / "leads.csv").write_text(
        "\ufeff"
        + LEADS_CSV
        + "L1,2026/09/01 09:00,webinar,,it,true,50-299,,,,,,is_east\n"
        # 2026-09-02 00:30 UTC is 09:30 in Tokyo: still September 2nd.
        + "L2,2026-09-02T00:30:00Z,webinar,,it,1,50-299,2026/09/30,,,,,is_east\n"
        # 2026-09-30 20:00 UTC is October 1st in Tokyo: after the as-of day.
        + "L3,2026-09-30T20:00:00+00:00,ads,,it,false,1000+,,,,,,\n",
        encoding="utf-8",
    )
    mqls = kpi("mqls", {"measure": "count", "table": "leads", "time": "mql_at"})
    result = measure_project(project([COUNT, mqls]), data)
    assert result.kpis["new_leads"].series[-1].value == 2.0
    assert result.kpis["mqls"].series[-1].value == 1.0


def test_fingerprint_is_content_based(tmp_path: Path) -> None:
    data = good_data(tmp_path / "a")
    copy = tmp_path / "b"
    shutil.copytree(data, copy)
    sources = canonical_sources()
    first = fingerprint(check_files(data, sources.tables, ["leads"]))
    assert first == fingerprint(check_files(copy, sources.tables, ["leads"]))  # same bytes, other place
    write_tables(copy, {"leads": leads([{"lead_id": "L9", "created_at": T("2026-09-05")}])})
    assert fingerprint(check_files(copy, sources.tables, ["leads"])) != first


def test_as_of_defaults_to_the_configured_date_then_to_the_data(tmp_path: Path) -> None:
    data = good_data(tmp_path)
    assert measure_project(project([COUNT]), data).as_of == dt.date(2026, 9, 30)  # sources.as_of
    unconfigured = project([COUNT], sources=canonical_sources(as_of=None))
    assert measure_project(unconfigured, data).as_of == dt.date(2026, 9, 2)  # the latest lead
