"""``kpi data``: writes the data folder, keeps existing files unless --force, explains failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands.data import run_data

REPO = Path(__file__).resolve().parents[2]

TABLES = ["activities", "campaigns", "costs", "deals", "handoffs", "leads"]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the shipped definitions (sources.yml is what the generator reads)."""
    shutil.copytree(REPO / "definitions", tmp_path / "definitions")
    return tmp_path


def test_writes_every_table_into_the_data_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_data(project, 0.01, None, 5, False) == 0
    assert sorted(p.stem for p in (project / "data").glob("*.parquet")) == TABLES
    printed = capsys.readouterr().out
    assert "leads" in printed and "200" in printed  # 0.01 × 20,000 leads
    assert "@" not in printed  # counts only, never a lead's e-mail


def test_keeps_existing_files_unless_forced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "elsewhere"
    assert run_data(project, 0.01, out, 5, False) == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert run_data(project, 0.01, out, 5, False) == 0
    assert "--force" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert run_data(project, 0.01, out, 5, True) == 0
    assert all(p.stat().st_mtime_ns != before[p.name] for p in out.iterdir())
    assert not (project / "data").exists()


def test_missing_sources_file_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_data(tmp_path, 1.0, None, 5, False) == 2
    err = capsys.readouterr().err
    assert "definitions/sources.yml" in err and "Traceback" not in err


def test_a_non_positive_scale_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_data(project, 0.0, None, 5, False) == 2
    assert "--scale" in capsys.readouterr().err


def test_a_column_the_generator_does_not_know_stops_the_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = project / "definitions" / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "      - {name: phone,",
            "      - {name: fax, type: string, description: FAX}\n      - {name: phone,",
            1,
        ),
        encoding="utf-8",
    )
    assert run_data(project, 0.01, None, 5, False) == 1
    err = capsys.readouterr().err
    assert "leads" in err and "fax" in err
    assert not (project / "data" / "leads.parquet").exists()
    assert list((project / "data").glob(".*")) == []  # temporary files removed
