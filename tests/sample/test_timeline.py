"""Lifecycle order and the as-of boundary: nothing happens after the as-of day, stages come in order."""

from __future__ import annotations

import pandas as pd

AS_OF_END = pd.Timestamp("2026-10-01 00:00:00")  # the day after sources.yml's as_of (2026-09-30)
PERIOD_START = pd.Timestamp("2025-10-01 00:00:00")
STAGES = ["created_at", "mql_at", "sql_at", "opportunity_at"]


def test_no_timestamp_after_the_as_of_day(frames: dict[str, pd.DataFrame]) -> None:
    for table, frame in frames.items():
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                assert (frame[column].dropna() < AS_OF_END).all(), (table, column)


def test_one_year_of_leads_and_activities(frames: dict[str, pd.DataFrame]) -> None:
    created, occurred = frames["leads"]["created_at"], frames["activities"]["occurred_at"]
    assert created.min() >= PERIOD_START and occurred.min() >= PERIOD_START
    # The latest day is present (freshness checks allow 3–7 days).
    assert created.max() >= pd.Timestamp("2026-09-28") and occurred.max() >= pd.Timestamp("2026-09-30")


def test_lifecycle_stages_are_reached_in_order(frames: dict[str, pd.DataFrame]) -> None:
    leads = frames["leads"]
    for before, after in zip(STAGES, STAGES[1:], strict=False):
        reached = leads[after].notna()
        assert leads.loc[reached, before].notna().all(), f"{after} without {before}"
        assert (leads.loc[reached, before] < leads.loc[reached, after]).all(), f"{before} !< {after}"
    for end in ("won_at", "lost_at"):
        closed = leads[end].notna()
        assert (leads.loc[closed, "opportunity_at"] < leads.loc[closed, end]).all(), end
    assert not (leads["won_at"].notna() & leads["lost_at"].notna()).any()


def test_activities_follow_the_leads_arrival(frames: dict[str, pd.DataFrame]) -> None:
    joined = frames["activities"].merge(frames["leads"][["lead_id", "created_at"]], on="lead_id")
    assert (joined["occurred_at"] >= joined["created_at"]).all()


def test_every_mql_is_handed_off_once_after_it_qualified(frames: dict[str, pd.DataFrame]) -> None:
    leads, handoffs = frames["leads"], frames["handoffs"]
    assert handoffs["lead_id"].is_unique
    assert set(handoffs["lead_id"]) == set(leads.loc[leads["mql_at"].notna(), "lead_id"])
    joined = handoffs.merge(leads[["lead_id", "mql_at", "sql_at"]], on="lead_id")
    assert (joined["handed_off_at"] > joined["mql_at"]).all()
    contacted = joined["first_contact_at"].notna()
    assert (joined.loc[contacted, "first_contact_at"] > joined.loc[contacted, "handed_off_at"]).all()
    # SQLs are judged by IS after the first contact; the hand-off says so.
    sql = joined["sql_at"].notna()
    assert (joined.loc[sql, "outcome"] == "sql").all() and (
        joined.loc[sql, "sql_at"] > joined.loc[sql, "first_contact_at"]
    ).all()
    assert (joined.loc[~contacted, "attempts"] >= 0).all() and (joined.loc[contacted, "attempts"] >= 1).all()


def test_deals_match_the_leads_opportunities_and_outcomes(frames: dict[str, pd.DataFrame]) -> None:
    leads, deals = frames["leads"], frames["deals"]
    joined = deals.merge(leads, on="lead_id", suffixes=("", "_lead"))
    assert (joined["created_at"] == joined["opportunity_at"]).all()
    assert set(deals["lead_id"]) == set(leads.loc[leads["opportunity_at"].notna(), "lead_id"])
    closed = joined["closed_at"].notna()
    assert (joined.loc[closed, "closed_at"] > joined.loc[closed, "created_at"]).all()
    assert (joined["is_won"] == (joined["stage"] == "closed_won")).all()
    assert (closed == joined["stage"].isin(["closed_won", "closed_lost"])).all()
    assert (joined.loc[joined["is_won"], "won_at"] == joined.loc[joined["is_won"], "closed_at"]).all()
    lost = joined["stage"] == "closed_lost"
    assert (joined.loc[lost, "lost_at"] == joined.loc[lost, "closed_at"]).all()
