"""Helpers for the kpi init tests: run the CLI in a folder, and write the fixture spreadsheets."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from generator.cli import main
from generator.model.project import Project
from generator.pipeline import Validated, Workspace, load, validate

ROOT = Path(__file__).resolve().parents[2]
IMPORT_FIXTURES = ROOT / "tests" / "importers" / "fixtures"


def kpi(*arguments: str) -> Result:
    """One ``kpi`` command, in-process, in the current folder."""
    return CliRunner().invoke(main, list(arguments))


def checked(project_dir: Path) -> Validated:
    """The project loaded and validated through the pipeline, as ``kpi check`` does it."""
    return validate(load(Workspace(project_dir=project_dir)))


def kpi_ids(project: Project) -> list[str]:
    return sorted(k.spec.id for k in project.kpis)


def mql_list(folder: Path, name: str = "mqls.csv") -> Path:
    """The MQL list as Excel in Japan saves it (CP932, Japanese headers): 9 rows, 7 kept on import."""
    return Path(shutil.copyfile(IMPORT_FIXTURES / "mql-list-sjis.csv", folder / name))


def won_deals(folder: Path, name: str = "won.xlsx") -> Path:
    """The won-deals sheet: five won deals with a segment, four with an amount."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ID", "受注日", "セグメント", "金額"])
    sheet.append(["L001", dt.datetime(2026, 5, 20), "大企業", 1_200_000])
    sheet.append(["L003", 46188, "中堅", 800_000])
    sheet.append(["L005", dt.datetime(2026, 7, 1, 15, 30), "SMB", None])
    sheet.append(["L009", "2026/07/20", "中小企業", "¥500,000"])
    sheet.append(["L999", dt.datetime(2026, 7, 25), "大企業", 300_000])
    path = folder / name
    workbook.save(path)
    return path


def two_spreadsheets_imported(folder: Path) -> Path:
    """leads and deals from the two spreadsheets, in ``folder/data``."""
    data = folder / "data"
    done = kpi(
        "import", "--project", str(folder), "--preset", "mql-and-won-lists", "--data-dir", str(data),
        f"mqls={mql_list(folder)}", f"won={won_deals(folder)}",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    return data
