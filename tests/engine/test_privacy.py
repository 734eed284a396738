"""No personal column (name, email, company, phone) is ever loaded, queried or returned."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from measure_kit import T, canonical_sources, kpi, leads, measure, write_tables
from sqlglot import exp

from generator.engine.duckdb_backend import DuckDbBackend
from generator.engine.privacy import PrivacyViolation, assert_no_personal, personal_columns

PERSONAL = {"name", "email", "company", "phone"}


def personal_names(query: exp.Expression) -> set[str]:
    """The personal columns a query names, of the tables it reads (``campaigns.name`` is a campaign's
    name, not a person's: only the leads' name, email, company and phone are personal)."""
    personal = personal_columns(canonical_sources().tables)
    assert personal["leads"] == frozenset(PERSONAL)
    tables = {table.name for table in query.find_all(exp.Table)}
    forbidden = set().union(*(personal.get(t, frozenset()) for t in tables))
    return {column.name for column in query.find_all(exp.Column)} & forbidden


class RecordingBackend(DuckDbBackend):
    """DuckDB that keeps every query it ran."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[exp.Expression] = []

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        self.queries.append(query)
        return super().fetch(query)

    def materialize(self, name: str, query: exp.Expression) -> None:
        self.queries.append(query)
        super().materialize(name, query)


def personal_leads() -> pd.DataFrame:
    return leads(
        [
            {
                "lead_id": "L1",
                "created_at": T("2026-09-01"),
                "name": "山田 太郎",
                "email": "taro@example.jp",
                "company": "株式会社テスト",
                "phone": "03-0000-0000",
            },
        ]
    )


def test_backends_do_not_load_personal_columns(tmp_path: Path) -> None:
    data = write_tables(tmp_path, {"leads": personal_leads()})
    sources = canonical_sources()
    backend = DuckDbBackend()
    columns = {t.id: [c for c in t.columns if not c.personal] for t in sources.tables}
    backend.register_tables({"leads": data / "leads.parquet"}, {"leads": columns["leads"]})
    frame = backend.fetch(exp.select("*").from_("leads"))
    assert PERSONAL.isdisjoint(frame.columns) and "lead_id" in frame.columns
    assert "taro@example.jp" not in frame.to_string()


def test_no_query_mentions_a_personal_column(tmp_path: Path) -> None:
    recorder = RecordingBackend()
    kpis = [
        kpi("new_leads", {"measure": "count", "table": "leads", "time": "created_at"}, segments=["channel"]),
        kpi(
            "by_email",
            {"measure": "count", "table": "leads", "time": "created_at", "filter": "email is not null"},
        ),
    ]
    result = measure(tmp_path, {"leads": personal_leads()}, kpis, backend=recorder)
    assert result.kpis["new_leads"].series[-1].value == 1.0
    # A definition that filters on a personal column is refused before any query is built.
    assert "personal column" in (result.kpis["by_email"].error or "")
    assert recorder.queries
    for query in recorder.queries:
        assert not personal_names(query), query.sql()
        assert "taro@example.jp" not in query.sql()


def test_the_guard_refuses_a_query_reading_a_personal_column() -> None:
    personal = personal_columns(canonical_sources().tables)
    assert personal["leads"] == frozenset(PERSONAL)
    with pytest.raises(PrivacyViolation, match="email"):
        assert_no_personal(exp.select("lead_id", "email").from_("leads"), personal)
    with pytest.raises(PrivacyViolation, match="phone"):
        assert_no_personal(exp.select("lead_id").from_("leads").where("phone IS NOT NULL"), personal)
    # campaigns.name is a campaign's name, not a person's: allowed.
    assert_no_personal(exp.select("name").from_("campaigns"), personal)
