"""The sample behaves like a real team's data: volumes, channel quality, seasonality, email health, scoring,
speed to lead and fake Japanese personal fields."""

from __future__ import annotations

import datetime as dt
import re

import holidays
import pandas as pd

from generator.sample import lead_count


def test_volumes_follow_the_scale(frames: dict[str, pd.DataFrame]) -> None:
    assert lead_count(1) == 20_000 and lead_count(100) == 2_000_000 and lead_count(0.05) == 1_000
    assert len(frames["leads"]) == 1_000
    per_lead = len(frames["activities"]) / len(frames["leads"])
    assert 50 <= per_lead <= 65  # 1M+ activities at scale 1
    assert len(frames["campaigns"]) == 40
    assert (
        len(frames["costs"]) == 161
    )  # 12 months × (6 ads + 3 owned media + webinar + white paper + tools + people) + 5 shows


def test_channels_differ_in_quality(frames: dict[str, pd.DataFrame]) -> None:
    leads = frames["leads"]
    mql_rate = leads.groupby("channel")["mql_at"].apply(lambda s: s.notna().mean())
    assert mql_rate["inquiry"] > mql_rate["webinar"] > mql_rate["whitepaper"] > mql_rate["ads"]
    assert 0.07 <= leads["mql_at"].notna().mean() <= 0.13


def test_seasonality_peaks_in_march_and_september_and_dips_in_august(frames: dict[str, pd.DataFrame]) -> None:
    per_month = frames["leads"]["created_at"].dt.to_period("M").value_counts()
    august = per_month[pd.Period("2026-08")]
    assert per_month[pd.Period("2026-03")] > 1.4 * august
    assert per_month[pd.Period("2026-09")] > 1.4 * august
    assert per_month.idxmin() in {pd.Period("2026-08"), pd.Period("2025-12"), pd.Period("2026-01")}


def test_email_health_rates(frames: dict[str, pd.DataFrame]) -> None:
    counts = frames["activities"]["type"].value_counts()
    assert 0.015 <= counts["email_bounce"] / counts["email_sent"] <= 0.035
    assert counts["email_delivered"] + counts["email_bounce"] == counts["email_sent"]
    assert 0.002 <= counts["email_unsubscribe"] / counts["email_delivered"] <= 0.006
    assert 0.025 <= counts["email_click"] / counts["email_delivered"] <= 0.06


def test_apple_mpp_machine_opens_are_a_third_of_raw_opens(frames: dict[str, pd.DataFrame]) -> None:
    opens = frames["activities"][frames["activities"]["type"] == "email_open"]
    machine = opens["is_machine_open"].astype(bool)
    assert 0.25 <= machine.mean() <= 0.42
    assert opens.loc[machine, "lead_id"].nunique() >= 50  # leads reading in Apple Mail


def test_webinar_attendance_and_follow_ups_within_and_beyond_five_days(
    frames: dict[str, pd.DataFrame],
) -> None:
    activities = frames["activities"]
    counts = activities["type"].value_counts()
    assert 0.4 <= counts["webinar_attend"] / counts["webinar_register"] <= 0.65
    attended = activities[activities["type"] == "webinar_attend"].groupby("lead_id")["occurred_at"].min()
    handoffs = frames["handoffs"].set_index("lead_id")
    gap = (handoffs["first_contact_at"] - attended.reindex(handoffs.index)).dt.days.dropna()
    assert (gap[gap >= 0] <= 5).sum() >= 3 and (gap > 5).sum() >= 3


def test_some_leads_answer_in_streaks_and_some_never(frames: dict[str, pd.DataFrame]) -> None:
    activities = frames["activities"]
    delivered = activities[activities["type"] == "email_delivered"].sort_values("occurred_at")
    last_ten = delivered.groupby("lead_id").tail(10)
    full = last_ten.groupby("lead_id").filter(lambda rows: len(rows) == 10)
    human = activities[
        ((activities["type"] == "email_open") & ~activities["is_machine_open"].astype(bool))
        | (activities["type"] == "email_click")
    ]
    answered = set(zip(human["lead_id"], human["send_id"], strict=True))
    responded = full.assign(r=[k in answered for k in zip(full["lead_id"], full["send_id"], strict=True)])
    per_lead = responded.groupby("lead_id")["r"].sum()
    assert (per_lead >= 7).sum() >= 10 and (per_lead == 0).sum() >= 50


def _business_hours(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Office hours (09:00–18:00, Japanese business days) between two instants, counted day by day."""
    closed = holidays.country_holidays("JP", years=[start.year, end.year])
    total = 0.0
    day = start.normalize()
    while day <= end:
        if day.weekday() < 5 and day.date() not in closed:
            opens, closes = day + pd.Timedelta(hours=9), day + pd.Timedelta(hours=18)
            overlap = min(end, closes) - max(start, opens)
            total += max(overlap.total_seconds(), 0.0) / 3600
        day += pd.Timedelta(days=1)
    return total


def test_most_hand_offs_meet_the_eight_hour_deadline_and_some_breach_it(
    frames: dict[str, pd.DataFrame],
) -> None:
    handoffs = frames["handoffs"]
    contacted = handoffs[handoffs["first_contact_at"].notna()]
    hours = [
        _business_hours(a, b)
        for a, b in zip(contacted["handed_off_at"], contacted["first_contact_at"], strict=True)
    ]
    late = sum(h > 8.0 for h in hours)
    assert 0.08 * len(hours) <= late <= 0.3 * len(hours)
    assert handoffs["first_contact_at"].isna().sum() >= 1  # never contacted
    office = contacted["first_contact_at"]
    assert ((office.dt.hour >= 9) & (office.dt.hour < 18) & (office.dt.day_of_week < 5)).all()
    assert {"is_east", "is_west"} == set(handoffs["team"]) and {"score", "hot_lead"} == set(
        handoffs["trigger"]
    )


def test_deals_are_about_five_million_yen_at_60_to_75_percent_margin(frames: dict[str, pd.DataFrame]) -> None:
    deals = frames["deals"]
    margin = deals["gross_profit_yen"] / deals["amount_yen"]
    assert margin.between(0.599, 0.751).all()
    assert 2_500_000 <= deals["amount_yen"].median() <= 8_000_000


def test_cost_per_lead_is_ten_to_twenty_thousand_yen(frames: dict[str, pd.DataFrame]) -> None:
    costs = frames["costs"]
    assert 10_000 <= costs["amount_yen"].sum() / len(frames["leads"]) <= 20_000
    shared = costs[costs["category"].isin(["tools", "people"])]
    assert (
        shared["campaign_id"].isna().all()
        and costs.loc[~costs.index.isin(shared.index), "campaign_id"].notna().all()
    )
    assert dt.date(2026, 9, 1) in set(costs["incurred_at"].dt.date)


def test_personal_fields_look_like_japanese_contacts(frames: dict[str, pd.DataFrame]) -> None:
    leads = frames["leads"]
    japanese = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff々ー]+ [\u3040-\u30ff\u4e00-\u9fff々ー]+$")
    assert leads["name"].map(lambda n: bool(japanese.match(n))).all()
    assert leads["email"].str.fullmatch(r"[a-z]+\.\d+@[a-z]+\.example\.jp").all() and leads["email"].is_unique
    assert leads["phone"].str.fullmatch(r"0\d{1,3}-\d{4}-\d{4}").all()
    assert leads["company"].str.contains("株式会社|有限会社|合同会社|合名会社|合資会社").mean() > 0.9
