"""Helpers for the import tests: import fixtures into a temporary data folder, then measure shipped KPIs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model.measurement import MeasurementSet
from generator.pipeline import Workspace, load, measure

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = dt.date(2026, 9, 30)


@dataclasses.dataclass(frozen=True)
class Imported:
    exit_code: int
    output: str
    data_dir: Path
    report: dict[str, Any]

    def table(self, table_id: str) -> pa.Table:
        return pq.read_table(self.data_dir / f"{table_id}.parquet")

    def column(self, table_id: str, column: str) -> list[Any]:
        return list(self.table(table_id).column(column).to_pylist())

    def table_report(self, table_id: str) -> dict[str, Any]:
        return next(t for t in self.report["tables"] if t["table"] == table_id)

    def rejected(self, table_id: str) -> list[tuple[int, str, str | None]]:
        return [(r["row"], r["reason"], r["column"]) for r in self.table_report(table_id)["rejected"]]

    def measure(self, *kpi_ids: str) -> MeasurementSet:
        """The shipped KPIs ``kpi_ids`` measured by the pipeline on the imported tables."""
        workspace = Workspace(project_dir=ROOT, data_dir=self.data_dir)
        project = load(workspace).project
        chosen = tuple(k for k in project.kpis if k.spec.id in kpi_ids)
        assert len(chosen) == len(kpi_ids)
        return measure(dataclasses.replace(project, kpis=chosen, slas=()), workspace, as_of=AS_OF)


ImportRun = Callable[..., Imported]


@pytest.fixture
def run_import(tmp_path: Path) -> ImportRun:
    def run(*arguments: str, data_dir: Path | None = None, lang: str = "ja") -> Imported:
        folder = data_dir or tmp_path / "data"
        result = CliRunner().invoke(
            main, ["import", "--project", str(ROOT), "--data-dir", str(folder), "--lang", lang, *arguments]
        )
        reports = sorted(folder.glob("import-report-*.json")) if folder.is_dir() else []
        report = json.loads(reports[-1].read_text(encoding="utf-8")) if reports else {}
        return Imported(result.exit_code, result.output, folder, report)

    return run


def monthly(measurements: MeasurementSet, kpi_id: str) -> dict[str, float]:
    """The KPI's non-zero monthly values, by period."""
    found = measurements.kpis[kpi_id]
    assert found.error is None, found.error
    return {p.period: p.value for p in found.series if p.value}


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def rows_of(values: Sequence[Any]) -> list[Any]:
    return list(values)
