"""Helpers for the measure-stage tests: tiny hand-made tables, KPIs and projects built in code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlglot import exp

from generator.engine import measure_project
from generator.engine.backend import Backend
from generator.engine.lead_keys import LEAD_ID, LEAD_KEY, lead_key
from generator.loading.safe_yaml import YamlDocument, parse_yaml
from generator.model.kpi import Kpi
from generator.model.measurement import KpiMeasurement, MeasurementSet, Point
from generator.model.project import Loaded, Project
from generator.model.sla import Sla
from generator.model.sources import Column, Sources

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 9, 30)
T = pd.Timestamp

_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
}


def canonical_sources(as_of: str | None = "2026-09-30") -> Sources:
    """The shipped canonical tables (definitions/sources.yml), with ``as_of`` replaced."""
    data = parse_yaml((ROOT / "definitions" / "sources.yml").read_bytes()).data
    data["as_of"] = as_of
    if as_of is None:
        del data["as_of"]
    return Sources.model_validate(data)


def write_tables(directory: Path, frames: Mapping[str, pd.DataFrame], sources: Sources | None = None) -> Path:
    """Each frame as ``<table>.parquet`` with every declared column (absent ones all null), typed."""
    directory.mkdir(parents=True, exist_ok=True)
    spec = sources or canonical_sources()
    for table in spec.tables:
        frame = frames.get(table.id)
        if frame is None:
            frame = pd.DataFrame({table.primary_key: [f"{table.id}_1"]}) if table.id != "leads" else None
            if frame is None:
                continue
        arrays = []
        for column in table.columns:
            values = frame[column.name].tolist() if column.name in frame else [None] * len(frame)
            values = [
                None if v is None or (isinstance(v, float) and v != v) or v is pd.NaT else v for v in values
            ]
            arrays.append(pa.array(values, type=_ARROW[column.type]))
        schema = pa.schema([(c.name, _ARROW[c.type]) for c in table.columns])
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), directory / f"{table.id}.parquet")
    return directory


def kpi(kpi_id: str, compute: Mapping[str, Any], *, grain: str = "month", **extra: Any) -> Kpi:
    """A KPI with only what measuring needs filled in meaningfully."""
    data: dict[str, Any] = {
        "id": kpi_id,
        "name": kpi_id,
        "name_en": kpi_id,
        "description": "test",
        "stage": "middle",
        "kind": "volume" if compute["measure"] in ("count", "sum") else "rate",
        "unit": "count",
        "grain": grain,
        "compute": dict(compute),
        "owner": {"team": "marketing", "person": "test"},
        "phase": "operating",
        "cadence": "monthly",
        "tree": {"level": "activity"},
    }
    data.update(extra)
    return Kpi.model_validate(data)


def sla_spec(sla_id: str = "test_sla") -> Sla:
    """An SLA whose calendar is the standard 9:00–18:00, Monday–Friday, Japanese holidays."""
    return Sla.model_validate(
        {
            "id": sla_id,
            "name": "test",
            "version": "1",
            "effective_from": "2026-04-01",
            "mql": {"summary": "m", "agreed_by": ["marketing", "is_east"]},
            "sql": {"summary": "s", "agreed_by": ["is_east", "sales"]},
            "scoring": {
                "rules": [
                    {"id": "download", "label": "d", "points": 30, "activity": "download", "max_times": 3}
                ],
                "threshold": 60,
                "review_cycle": "quarterly",
            },
            "handoff": {"trigger": "t", "attached_information": ["history"]},
            "calendar": {},
            "response_deadline": {"business_hours": 4},
            "follow_up": {"attempts": 3, "within_business_days": 5},
            "feedback_loop": ["weekly"],
            "meetings": ["weekly"],
            "signatories": [
                {"team": "marketing", "person": "a", "role": "r", "signed_on": "2026-04-01"},
                {"team": "is_east", "person": "b", "role": "r", "signed_on": "2026-04-01"},
            ],
        }
    )


def project(kpis: Sequence[Kpi], *, slas: Sequence[Sla] = (), sources: Sources | None = None) -> Project:
    empty = YamlDocument(data={})
    return Project(
        kpis=tuple(Loaded(k, f"metrics/{k.id}.yml", empty) for k in kpis),
        slas=tuple(Loaded(s, f"definitions/sla/{s.id}.yml", empty) for s in slas),
        sources=Loaded(sources or canonical_sources(), "definitions/sources.yml", empty),
    )


def measure(
    tmp_path: Path,
    frames: Mapping[str, pd.DataFrame],
    kpis: Sequence[Kpi],
    *,
    as_of: dt.date | None = AS_OF,
    slas: Sequence[Sla] = (),
    k_anonymity: int = 5,
    backend: Backend | None = None,
) -> MeasurementSet:
    data = write_tables(tmp_path / "data", frames)
    return measure_project(
        project(kpis, slas=slas), data, as_of=as_of, k_anonymity=k_anonymity, backend=backend
    )


def point(measurement: KpiMeasurement, label: str) -> Point:
    """The series point labelled ``label`` (fails loudly if the period is missing)."""
    found = [p for p in measurement.series if p.period == label]
    assert len(found) == 1, f"{label} not in {[p.period for p in measurement.series]}"
    return found[0]


def values(measurement: KpiMeasurement) -> dict[str, float | None]:
    assert measurement.error is None, measurement.error
    return {p.period: p.value for p in measurement.series}


def leads(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Leads with the required attributes defaulted (channel webinar, industry it, …)."""
    defaults = {
        "channel": "webinar",
        "industry": "it",
        "is_target_industry": True,
        "company_size": "50-299",
        "created_at": T("2026-01-01"),
        "owner_team": "is_east",
    }
    return pd.DataFrame([{**defaults, **row} for row in rows])


def activities(
    rows: Sequence[tuple[str, str, str] | tuple[str, str, str, Mapping[str, Any]]],
) -> pd.DataFrame:
    """Activities from ``(lead_id, occurred_at, type[, extra columns])`` tuples; ids numbered in order."""
    records = []
    for number, row in enumerate(rows, start=1):
        extra = row[3] if len(row) == 4 else {}
        records.append(
            {
                "activity_id": f"a{number}",
                "lead_id": row[0],
                "occurred_at": T(row[1]),
                "type": row[2],
                **extra,
            }
        )
    return pd.DataFrame(records)


class FrameBackend:
    """A DuckDB connection over in-memory frames: enough of the Backend protocol for unit tests.

    Like the real backends, a frame with ``lead_id`` gets a hashed ``lead_key`` beside it.
    """

    dialect = "duckdb"

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self._connection = duckdb.connect(":memory:")
        for name, frame in tables.items():
            self._connection.register(f"{name}_frame", frame)
            picked: list[exp.Expr] = [exp.Star()]
            if LEAD_ID in frame.columns:
                picked.append(exp.alias_(lead_key(exp.column(LEAD_ID, quoted=True)), LEAD_KEY, quoted=True))
            view = exp.select(*picked).from_(f"{name}_frame")
            self._connection.execute(f"CREATE VIEW {name} AS {view.sql(self.dialect)}")

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        raise NotImplementedError("frames are registered in the constructor")

    def fetch(self, query: exp.Expr) -> pd.DataFrame:
        frame: pd.DataFrame = self._connection.execute(query.sql(self.dialect)).df()
        return frame

    def close(self) -> None:
        self._connection.close()


def channel_kpis() -> tuple[Kpi, Kpi]:
    """New leads (a count) and lead → MQL within 90 days (a cohort), both split by channel."""
    new_leads = kpi(
        "new_leads", {"measure": "count", "table": "leads", "time": "created_at"}, segments=["channel"]
    )
    lead_to_mql = kpi(
        "lead_to_mql",
        {
            "measure": "conversion",
            "table": "leads",
            "cohort": "created_at",
            "converted": "mql_at",
            "window_days": 90,
        },
        segments=["channel"],
    )
    return new_leads, lead_to_mql
