"""The straightforward pandas way to the same KPIs (a subset), for bench_measure.py to compare against.

Monthly series only (2025-10 … 2026-09, as of 2026-09-30): the activity and lead counts and ratios,
the cohort conversions, median lead times, continuous response (last 10 touches, ≥ 7 responded,
machine opens excluded) and site browsing (≥ 3 page views on the touch day or the 7 days after).
No segments, business hours, scoring or SLA reports. Same semantics as the engine, written the way an
analyst would in a notebook: load the columns, group, divide.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

AS_OF_END = pd.Timestamp("2026-10-01")
START = pd.Timestamp("2025-10-01")


def _monthly(moments: pd.Series) -> pd.Series:
    inside = moments[(moments >= START) & (moments < AS_OF_END)]
    return inside.dt.to_period("M").value_counts().sort_index()


def _ratio(top: pd.Series, bottom: pd.Series) -> pd.Series:
    return (top.reindex(bottom.index, fill_value=0) / bottom).replace([np.inf], np.nan)


def _conversion(
    leads: pd.DataFrame, cohort: str, converted: str, days: int, mask: pd.Series | None = None
) -> pd.Series:
    rows = leads if mask is None else leads[mask]
    rows = rows[(rows[cohort] >= START) & (rows[cohort] < AS_OF_END)]
    reached = (
        rows[converted].notna()
        & (rows[converted] <= rows[cohort] + pd.Timedelta(days=days))
        & (rows[converted] < AS_OF_END)
    )
    return reached.groupby(rows[cohort].dt.to_period("M")).mean()


def _median_days(leads: pd.DataFrame, start: str, end: str) -> pd.Series:
    rows = leads[(leads[end] >= START) & (leads[end] < AS_OF_END) & (leads[end] >= leads[start])]
    days = (rows[end] - rows[start]).dt.total_seconds() / 86_400
    return days.groupby(rows[end].dt.to_period("M")).median()


def _continuous_response(email: pd.DataFrame) -> pd.Series:
    human_open = email["type"].eq("email_open") & ~email["is_machine_open"].fillna(False).astype(bool)
    email = email.assign(
        responded=(human_open | email["type"].eq("email_click")).astype(int),
        delivered_at=email["occurred_at"].where(email["type"].eq("email_delivered")),
    )
    sends = email.groupby(["lead_id", "send_id"], observed=True).agg(
        delivered_at=("delivered_at", "min"), responded=("responded", "max")
    )
    sends = (
        sends.dropna(subset=["delivered_at"])
        .reset_index()
        .sort_values(["lead_id", "delivered_at", "send_id"])
    )
    running = sends.groupby("lead_id", observed=True)["responded"].cumsum()
    sends["recent"] = running - running.groupby(sends["lead_id"], observed=True).shift(10).fillna(0)
    sends["month"] = sends["delivered_at"].dt.to_period("M")
    last = sends[sends["delivered_at"] >= START].groupby(["lead_id", "month"], observed=True).tail(1)
    return (last["recent"] >= 7).groupby(last["month"]).mean()


def _browsing(acts: pd.DataFrame) -> pd.Series:
    rows = acts[acts["type"].isin(["email_delivered", "page_view"]) & (acts["occurred_at"] >= START)]
    rows = rows.assign(day=(rows["occurred_at"] - pd.Timestamp("1970-01-01")).dt.days)
    daily = rows.pivot_table(
        index=["lead_id", "day"], columns="type", aggfunc="size", fill_value=0, observed=True
    )
    daily = daily.reset_index().sort_values(["lead_id", "day"])
    code = (
        daily["lead_id"].astype("category").cat.codes.to_numpy(np.int64) * 1_000_000 + daily["day"].to_numpy()
    )
    views = np.concatenate(([0], np.cumsum(daily["page_view"].to_numpy())))
    after = views[np.searchsorted(code, code + 7, side="right")] - views[np.arange(len(code))]
    touched = daily[daily["email_delivered"] > 0].assign(
        views_after=after[daily["email_delivered"].to_numpy() > 0]
    )
    touched["month"] = pd.to_datetime(touched["day"], unit="D").dt.to_period("M")
    per_lead = touched.groupby(["month", "lead_id"], observed=True)["views_after"].max() >= 3
    return per_lead.groupby(level="month").mean()


def measure_with_pandas(folder: Path) -> dict[str, pd.Series]:
    """Monthly series of the subset, keyed by KPI id."""
    acts = pd.read_parquet(
        folder / "activities.parquet",
        columns=["lead_id", "occurred_at", "type", "send_id", "is_machine_open", "page_category"],
    )
    acts = acts[acts["occurred_at"] < AS_OF_END]
    by_type = {
        kind: _monthly(acts.loc[acts["type"] == kind, "occurred_at"]) for kind in acts["type"].unique()
    }
    human = acts["type"].eq("email_open") & ~acts["is_machine_open"].fillna(False).astype(bool)
    landing = acts["type"].eq("page_view") & acts["page_category"].eq("landing")
    in_series = (acts["occurred_at"] >= START) & (acts["occurred_at"] < AS_OF_END)
    month = acts["occurred_at"].dt.to_period("M")
    registered = acts[in_series & acts["type"].eq("webinar_register")].groupby(month)["lead_id"].nunique()
    attended = acts[in_series & acts["type"].eq("webinar_attend")].groupby(month)["lead_id"].nunique()
    delivered = by_type["email_delivered"]
    leads = pd.read_parquet(
        folder / "leads.parquet",
        columns=[
            "lead_id",
            "created_at",
            "channel",
            "is_target_industry",
            "mql_at",
            "sql_at",
            "opportunity_at",
            "won_at",
        ],
    )
    mqls = _monthly(leads["mql_at"])
    return {
        "email_open_rate": _ratio(by_type["email_open"], delivered),
        "email_open_rate_human": _ratio(_monthly(acts.loc[human, "occurred_at"]), delivered),
        "email_click_rate": _ratio(by_type["email_click"], delivered),
        "click_to_open_rate": _ratio(by_type["email_click"], by_type["email_open"]),
        "email_delivery_rate": _ratio(delivered, by_type["email_sent"]),
        "unsubscribe_rate": _ratio(by_type["email_unsubscribe"], delivered),
        "downloads": by_type["download"],
        "webinar_registrations": by_type["webinar_register"],
        "webinar_attendance_rate": _ratio(attended, registered),
        "cvr": _ratio(by_type["form_submit"], _monthly(acts.loc[landing, "occurred_at"])),
        "new_leads": _monthly(leads["created_at"]),
        "mql_count": mqls,
        "sql_count": _monthly(leads["sql_at"]),
        "target_industry_mql_share": _ratio(_monthly(leads.loc[leads["is_target_industry"], "mql_at"]), mqls),
        "lead_to_mql_rate": _conversion(leads, "created_at", "mql_at", 90),
        "mql_to_sql_rate": _conversion(leads, "mql_at", "sql_at", 90),
        "opportunity_rate": _conversion(leads, "sql_at", "opportunity_at", 60),
        "sql_to_won_rate": _conversion(leads, "sql_at", "won_at", 180),
        "dl_to_mql_rate": _conversion(leads, "created_at", "mql_at", 90, leads["channel"].eq("whitepaper")),
        "webinar_opportunity_rate": _conversion(
            leads, "created_at", "opportunity_at", 90, leads["channel"].eq("webinar")
        ),
        "lead_time_to_mql": _median_days(leads, "created_at", "mql_at"),
        "mql_to_sql_days": _median_days(leads, "mql_at", "sql_at"),
        "sql_to_won_days": _median_days(leads, "sql_at", "won_at"),
        "continuous_response_rate": _continuous_response(
            acts[
                acts["send_id"].notna() & acts["type"].isin(["email_delivered", "email_open", "email_click"])
            ]
        ),
        "site_browsing_rate": _browsing(acts),
    }
