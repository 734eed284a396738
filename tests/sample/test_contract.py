"""The files follow definitions/sources.yml: every column, its Arrow type, nullability, allowed values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from generator.model.sources import Sources

ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
}


def test_every_declared_column_is_written_with_its_type(sample_dir: Path, sources: Sources) -> None:
    for table in sources.tables:
        schema = pq.read_schema(sample_dir / f"{table.id}.parquet")
        assert schema.names == [c.name for c in table.columns], table.id
        for column in table.columns:
            field = schema.field(column.name)
            assert field.type == ARROW[column.type], (table.id, column.name, field.type)
            assert field.nullable == column.nullable, (table.id, column.name)


def test_required_columns_have_no_nulls(frames: dict[str, pd.DataFrame], sources: Sources) -> None:
    for table in sources.tables:
        for column in table.columns:
            if not column.nullable:
                assert frames[table.id][column.name].notna().all(), (table.id, column.name)


def test_values_stay_within_the_allowed_lists(frames: dict[str, pd.DataFrame], sources: Sources) -> None:
    for table in sources.tables:
        for column in table.columns:
            if column.allowed:
                present = set(frames[table.id][column.name].dropna().unique())
                assert present <= set(column.allowed), (table.id, column.name, present - set(column.allowed))


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("leads", "channel", {"webinar", "whitepaper", "ads", "owned_media", "event", "referral", "inquiry"}),
        (
            "activities",
            "type",
            {
                "email_sent",
                "email_delivered",
                "email_open",
                "email_click",
                "email_bounce",
                "email_unsubscribe",
                "page_view",
                "form_submit",
                "download",
                "webinar_register",
                "webinar_attend",
            },
        ),
        (
            "activities",
            "page_category",
            {"pricing", "service", "case_study", "blog", "contact", "landing", "other"},
        ),
        (
            "campaigns",
            "program",
            {"email_nurture", "webinar", "whitepaper", "ads", "owned_media", "event", "is_call"},
        ),
        ("costs", "category", {"ads", "content", "tools", "people", "events"}),
        ("handoffs", "trigger", {"score", "hot_lead"}),
        ("handoffs", "outcome", {"sql", "recycled", "disqualified", "no_response"}),
    ],
)
def test_every_kind_of_value_occurs(
    frames: dict[str, pd.DataFrame], table: str, column: str, expected: set[str]
) -> None:
    assert expected <= set(frames[table][column].dropna().unique())


def test_primary_keys_are_unique(frames: dict[str, pd.DataFrame], sources: Sources) -> None:
    for table in sources.tables:
        assert frames[table.id][table.primary_key].is_unique, table.id


def test_references_resolve(frames: dict[str, pd.DataFrame]) -> None:
    leads = set(frames["leads"]["lead_id"])
    campaigns = set(frames["campaigns"]["campaign_id"])
    for table in ("activities", "handoffs", "deals"):
        assert set(frames[table]["lead_id"]) <= leads, table
    for table in ("leads", "activities", "costs"):
        assert set(frames[table]["campaign_id"].dropna()) <= campaigns, table


def test_page_category_only_on_page_views_and_machine_flag_only_on_opens(
    frames: dict[str, pd.DataFrame],
) -> None:
    activities = frames["activities"]
    views, opens = activities["type"] == "page_view", activities["type"] == "email_open"
    assert activities.loc[views, "page_category"].notna().all()
    assert activities.loc[~views, "page_category"].isna().all()
    assert activities.loc[opens, "is_machine_open"].notna().all()
    assert activities.loc[~opens, "is_machine_open"].isna().all()
    email = activities["type"].str.startswith("email_")
    assert activities.loc[email, "send_id"].notna().all()
    assert activities.loc[~email, "send_id"].isna().all()
