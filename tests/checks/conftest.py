"""Tiny hand-made catalogues and data for the data-quality checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from generator.loading.safe_yaml import parse_yaml
from generator.model.kpi import Kpi
from generator.model.project import Loaded, Project
from generator.model.sources import Sources

AS_OF = dt.date(2026, 9, 30)

# Line numbers matter: tests assert the file:line of each check (the first check is on line 17).
SOURCES_YML = """\
as_of: "2026-09-30"
tables:
  - id: leads
    description: リード
    primary_key: lead_id
    columns:
      - {name: lead_id, type: string, description: リードID, nullable: false}
      - {name: created_at, type: timestamp, description: 獲得日時}
      - name: channel
        type: string
        description: チャネル
        allowed: [webinar, ads]
      - {name: mql_at, type: timestamp, description: MQL日時}
      - {name: sql_at, type: timestamp, description: SQL日時}
      - {name: email, type: string, description: メール, personal: true}
    checks:
      - {check: unique, column: lead_id}
      - {check: not_null, column: created_at}
      - {check: allowed_values, column: channel}
      - {check: not_in_future, column: created_at}
      - {check: ordered, before: mql_at, after: sql_at}
      - {check: freshness, column: created_at, max_age_days: 7}
      - {check: row_count, min: 3, max: 5}
  - id: activities
    description: 行動
    primary_key: activity_id
    columns:
      - {name: activity_id, type: string, description: 行動ID, nullable: false}
      - {name: lead_id, type: string, description: リードID}
      - {name: occurred_at, type: timestamp, description: 発生日時}
    checks:
      - {check: references, column: lead_id, table: leads, to: lead_id}
"""

KPI_YML = """\
id: {kpi_id}
name: テスト指標
name_en: Test KPI
description: テスト用の指標。
stage: bottom
kind: rate
unit: percent
grain: {grain}
compute: {{measure: count, table: leads, time: created_at}}
owner: {{team: marketing, person: 佐藤}}
phase: operating
cadence: monthly
tree: {{level: kpi}}
checks: {checks}
"""


def ts(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), format="ISO8601"), dtype="datetime64[us]")


def clean_leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3"],
            "created_at": ts("2026-09-01 09:00", "2026-09-20 10:00", "2026-09-28 11:00"),
            "channel": ["webinar", "ads", "ads"],
            "mql_at": ts("2026-09-02 09:00", None, "2026-09-29 09:00"),
            "sql_at": ts("2026-09-03 09:00", "2026-09-21 09:00", "2026-09-29 09:00"),
            "email": ["taro@example.jp", "hanako@example.jp", "jiro@example.jp"],
        }
    )


def clean_activities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "activity_id": ["A1", "A2"],
            "lead_id": ["L1", "L3"],
            "occurred_at": ts("2026-09-02 10:00", "2026-09-29 10:00"),
        }
    )


def write_tables(data_dir: Path, **tables: pd.DataFrame) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(data_dir / f"{name}.parquet", index=False)
    return data_dir


def sources_with_first_check(line: str) -> str:
    """SOURCES_YML with its first check (unique lead_id) replaced by ``line``."""
    return SOURCES_YML.replace("      - {check: unique, column: lead_id}\n", line)


def loaded_sources(text: str = SOURCES_YML) -> Loaded[Sources]:
    document = parse_yaml(text.encode())
    return Loaded(Sources.model_validate(document.data), "definitions/sources.yml", document)


def loaded_kpi(kpi_id: str, checks: str = "[]", grain: str = "month") -> Loaded[Kpi]:
    document = parse_yaml(KPI_YML.format(kpi_id=kpi_id, grain=grain, checks=checks).encode())
    return Loaded(Kpi.model_validate(document.data), f"metrics/{kpi_id}.yml", document)


@pytest.fixture(scope="session")
def great_expectations_imported() -> None:
    """Pay GX's ~3 s import once, in setup, rather than inside whichever test runs first."""
    import great_expectations  # noqa: F401


@pytest.fixture
def sources_project() -> Project:
    return Project(sources=loaded_sources())


@pytest.fixture
def data_factory(tmp_path: Path) -> Callable[..., Path]:
    """Write the given tables (defaults: the clean ones) into a fresh data folder."""

    def make(**tables: pd.DataFrame) -> Path:
        chosen = {"leads": clean_leads(), "activities": clean_activities(), **tables}
        return write_tables(tmp_path / "data", **chosen)

    return make
