"""Reading exports (encodings, delimiters, broken rows), date forms and time zones, and mapping errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from import_kit import ImportRun

from generator.commands.schema import schema_files
from generator.importers.mapping import load_preset, preset_names
from generator.loading.safe_yaml import parse_yaml

MAPPING = """\
description: test mapping
timezone: {timezone}
tables:
  - table: leads
    columns:
      lead_id: id
      created_at: created
      channel: {{from: source, default: inquiry}}
      mql_at: {{from: mql, optional: true}}
"""


def write_mapping(folder: Path, timezone: str = "Asia/Tokyo", text: str | None = None) -> Path:
    path = folder / "test-mapping.yml"
    path.write_text(text or MAPPING.format(timezone=timezone), encoding="utf-8")
    return path


def test_utf8_bom_semicolons_and_a_row_with_too_many_fields(run_import: ImportRun, tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    text = "id;created;source\na1;2026-04-01 09:00;Webinar\na2;2026-04-02;x;extra\na3;45390.5;ads\n"
    export.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    done = run_import("--mapping", str(write_mapping(tmp_path)), str(export))
    assert done.exit_code == 0, done.output
    assert done.report["inputs"][0]["encoding"] == "utf-8-sig"
    assert done.report["inputs"][0]["delimiter"] == ";"
    # Row 3 has four fields under a three-column header: set aside with its row number, not dropped.
    assert done.rejected("leads") == [(3, "wrong_field_count", None)]
    assert done.table_report("leads")["rows_read"] == 3
    # "Webinar" matches the allowed value webinar (case ignored); 45390.5 is an Excel serial (noon).
    assert done.column("leads", "channel") == ["webinar", "ads"]
    assert done.column("leads", "created_at") == [
        dt.datetime(2026, 4, 1, 9, 0),
        dt.datetime(2024, 4, 8, 12, 0),
    ]


def test_tabs_and_an_explicit_encoding(run_import: ImportRun, tmp_path: Path) -> None:
    export = tmp_path / "leads.tsv"
    export.write_bytes("id\tcreated\tsource\nb1\t2026/04/01 09:30\t紹介\n".encode("cp932"))
    mapping = (
        MAPPING.format(timezone="Asia/Tokyo")
        .replace(
            "tables:", "inputs:\n  export:\n    description: x\n    read: {encoding: shift_jis}\ntables:"
        )
        .replace("default: inquiry", "values: {紹介: referral}")
    )
    done = run_import("--mapping", str(write_mapping(tmp_path, text=mapping)), str(export))
    assert done.exit_code == 0, done.output
    assert (done.report["inputs"][0]["encoding"], done.report["inputs"][0]["delimiter"]) == ("cp932", "\t")
    assert done.column("leads", "channel") == ["referral"]


def test_times_without_an_offset_are_in_the_mappings_zone(run_import: ImportRun, tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    export.write_text(
        "id,created,source,mql\nc1,2026-04-01 00:30,ads,2026-04-01T00:30:00+09:00\n", encoding="utf-8"
    )
    done = run_import("--mapping", str(write_mapping(tmp_path, timezone="UTC")), str(export))
    assert done.exit_code == 0, done.output
    # 00:30 UTC is 09:30 in Tokyo; a value with its own offset keeps its instant.
    assert done.column("leads", "created_at") == [dt.datetime(2026, 4, 1, 9, 30)]
    assert done.column("leads", "mql_at") == [dt.datetime(2026, 4, 1, 0, 30)]


def test_a_missing_export_column_names_the_mapping_line_and_the_closest_column(
    run_import: ImportRun, tmp_path: Path
) -> None:
    export = tmp_path / "leads.csv"
    export.write_text("id,created_date,source\nd1,2026-04-01,ads\n", encoding="utf-8")
    done = run_import("--mapping", str(write_mapping(tmp_path)), str(export), lang="en")
    assert done.exit_code == 1
    assert (
        "test-mapping.yml:7:19: column 'created' is not in leads.csv (closest: 'created_date')" in done.output
    )
    assert not (done.data_dir / "leads.parquet").exists()


def test_a_mapping_that_does_not_fit_sources_yml(run_import: ImportRun, tmp_path: Path) -> None:
    text = MAPPING.format(timezone="Asia/Tokyo").replace("lead_id: id", "lead_id: id\n      colour: c")
    text = text.replace("default: inquiry", "default: carrier_pigeon")
    done = run_import("--mapping", str(write_mapping(tmp_path, text=text)), "x.csv", lang="en")
    assert done.exit_code == 1
    assert "test-mapping.yml:7:15: IMP001 column 'colour' is not in leads" in done.output
    assert (
        "test-mapping.yml:9:40: IMP001 column channel: 'carrier_pigeon' is not an allowed value"
        in done.output
    )
    assert "Traceback" not in done.output


def test_an_unknown_key_in_a_mapping_is_a_schema_error_with_its_line(
    run_import: ImportRun, tmp_path: Path
) -> None:
    text = MAPPING.format(timezone="Asia/Tokyo").replace("timezone:", "timezon:")
    done = run_import("--mapping", str(write_mapping(tmp_path, text=text)), "x.csv")
    assert done.exit_code == 1
    assert "test-mapping.yml:2:10: SCHEMA001" in done.output


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_loads_and_matches_the_schema(name: str) -> None:
    preset = load_preset(name)
    schema = json.loads(schema_files()["import.schema.json"])
    data = parse_yaml(Path(preset.file).read_bytes()).data
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_a_csv_parse_error_is_named_without_the_row_it_quotes() -> None:
    from generator.importers.reading import _without_row_text

    error = ValueError("CSV parse error: Expected 3 columns, got 4: someone@example.com,x,y,z")
    assert _without_row_text(error) == "CSV parse error: Expected 3 columns, got 4"


def test_an_export_with_old_mac_line_ends_is_read(run_import: ImportRun, tmp_path: Path) -> None:
    # Lines ended by a lone CR: the header reader stopped with "new-line character seen in unquoted field".
    export = tmp_path / "leads.csv"
    export.write_bytes(b"id,created,source\rc1,2026-04-01,ads\rc2,2026-04-02,ads\r")
    done = run_import("--mapping", str(write_mapping(tmp_path)), str(export))
    assert done.exit_code == 0, done.output
    assert done.column("leads", "lead_id") == ["c1", "c2"]


def test_a_header_field_over_the_csv_limit_is_named_not_a_traceback(
    run_import: ImportRun, tmp_path: Path
) -> None:
    export = tmp_path / "leads.csv"
    export.write_bytes(b"id,created," + b"x" * 200_000 + b"\nc1,2026-04-01,ads\n")
    done = run_import("--mapping", str(write_mapping(tmp_path)), str(export), lang="en")
    assert done.exit_code != 0 and "Traceback" not in done.output
    assert f"{export}: cannot read the CSV (field larger than field limit (131072))" in done.output
