"""``kpi measure``: every KPI's latest value as a table or JSON; bad data exits 1 with a clean message."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from measure_kit import ROOT, T, activities, leads, write_tables

from generator.cli import main


@pytest.fixture()
def project_dir(tmp_path: Path) -> Path:
    """A copy of the shipped definitions with a tiny data folder."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "definitions", target / "definitions")
    shutil.copytree(ROOT / "metrics", target / "metrics")
    rows = leads(
        [
            {
                "lead_id": f"L{n}",
                "created_at": T(f"2026-09-0{n}"),
                "mql_at": T("2026-09-09") if n < 4 else None,
            }
            for n in range(1, 7)
        ]
    )
    write_tables(
        target / "data", {"leads": rows, "activities": activities([("L1", "2026-09-03", "download")])}
    )
    return target


def test_json_lists_the_latest_value_of_every_kpi(project_dir: Path) -> None:
    result = CliRunner().invoke(main, ["measure", "--project", str(project_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    by_id = {k["id"]: k for k in payload["kpis"]}
    assert payload["as_of"] == "2026-09-30" and len(payload["data_fingerprint"]) == 64
    assert len(by_id) == len(list((ROOT / "metrics").glob("*.yml")))
    # Six leads created in September, three MQLs in September.
    assert (by_id["new_leads"]["period"], by_id["new_leads"]["value"]) == ("2026-09", 6.0)
    assert by_id["mql_count"]["value"] == 3.0
    assert all(k["error"] is None for k in payload["kpis"])


def test_text_table_shows_values_in_their_units(project_dir: Path) -> None:
    result = CliRunner().invoke(main, ["measure", "--project", str(project_dir)])
    assert result.exit_code == 0, result.output
    assert "new_leads" in result.stdout and "6件" in result.stdout and "2026-09" in result.stdout


def test_bad_data_exits_1_naming_file_table_and_column(project_dir: Path) -> None:
    (project_dir / "data" / "activities.parquet").write_bytes(b"")
    result = CliRunner().invoke(main, ["measure", "--project", str(project_dir)])
    assert result.exit_code == 1
    assert "activities.parquet (activities)" in result.stderr and "空" in result.stderr
    assert "Traceback" not in result.output


def test_a_catalogue_that_fails_validation_is_not_measured(project_dir: Path) -> None:
    # A filter naming a column sources.yml does not declare: kpi check rejects it (REF002), so
    # kpi measure must refuse too, with the very same file:line lines, instead of measuring it.
    kpi = project_dir / "metrics" / "mql_count.yml"
    text = kpi.read_text(encoding="utf-8")
    kpi.write_text(text.replace("time: mql_at", "time: mql_at\n  filter: no_such_column = 1", 1), "utf-8")
    checked = CliRunner().invoke(main, ["check", "--project", str(project_dir)])
    measured = CliRunner().invoke(main, ["measure", "--project", str(project_dir), "--format", "json"])
    assert checked.exit_code == 1 and measured.exit_code == 1
    error_lines = [line for line in checked.stdout.splitlines() if line.startswith("metrics/mql_count.yml:")]
    assert error_lines and all(line in measured.stderr for line in error_lines), measured.stderr
    assert measured.stdout == ""  # no numbers printed for a rejected catalogue
    assert "Traceback" not in measured.output


def test_engine_postgres_without_its_connection_string_is_a_clear_error(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KPI_POSTGRES_DSN", raising=False)
    result = CliRunner().invoke(
        main, ["measure", "--project", str(project_dir), "--engine", "postgres", "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "set the environment variable KPI_POSTGRES_DSN" in result.stderr
    assert "Traceback" not in result.output


def test_kpi_yml_chooses_the_engine_and_the_option_overrides_it(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEAM_WAREHOUSE_DSN", raising=False)
    (project_dir / "kpi.yml").write_text(
        "engine: postgres\nengines:\n  postgres:\n    dsn_env: TEAM_WAREHOUSE_DSN\n", encoding="utf-8"
    )
    chosen = CliRunner().invoke(main, ["measure", "--project", str(project_dir), "--lang", "en"])
    assert chosen.exit_code == 1 and "TEAM_WAREHOUSE_DSN" in chosen.stderr  # kpi.yml picked postgres
    overridden = CliRunner().invoke(
        main, ["measure", "--project", str(project_dir), "--engine", "duckdb", "--format", "json"]
    )
    assert overridden.exit_code == 0, overridden.output


def test_a_bad_kpi_yml_is_reported_at_its_line(project_dir: Path) -> None:
    (project_dir / "kpi.yml").write_text("site:\n  engine: hugo\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project_dir)])
    assert result.exit_code == 1
    assert re.search(r"^kpi\.yml:2:\d+: ", result.stdout, re.MULTILINE), result.stdout
