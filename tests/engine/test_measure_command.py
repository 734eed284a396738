"""``kpi measure``: every KPI's latest value as a table or JSON; bad data exits 1 with a clean message."""

from __future__ import annotations

import json
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
