"""The shipped sample (scale 1): the brief's volumes, and a non-empty latest month for every input."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from generator.model.sources import Sources
from generator.sample import generate_sample

SEED = 20260401  # the CLI default

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("sample_1")
    generate_sample(sources, out, scale=1.0, seed=SEED)
    return {t.id: pq.read_table(out / f"{t.id}.parquet").to_pandas() for t in sources.tables}


def test_volumes_of_the_brief(full: dict[str, pd.DataFrame]) -> None:
    assert len(full["leads"]) == 20_000
    assert len(full["activities"]) >= 1_000_000


def test_funnel_rates_near_the_domain_tree(full: dict[str, pd.DataFrame]) -> None:
    leads = full["leads"]
    mql, sql, won = (leads[c].notna().sum() for c in ("mql_at", "sql_at", "won_at"))
    assert 0.08 <= mql / len(leads) <= 0.12
    assert 0.16 <= sql / mql <= 0.26
    assert 0.15 <= won / sql <= 0.3


def test_september_2026_is_present_for_every_kind_of_event(full: dict[str, pd.DataFrame]) -> None:
    def in_september(values: pd.Series) -> pd.Series:
        return values.dt.to_period("M") == pd.Period("2026-09")

    leads, activities, deals = full["leads"], full["activities"], full["deals"]
    for column in ("created_at", "mql_at", "sql_at", "opportunity_at", "won_at", "lost_at"):
        assert in_september(leads[column]).sum() >= 5, column
    september = activities[in_september(activities["occurred_at"])]
    assert set(september["type"]) == set(activities["type"])
    assert set(september["page_category"].dropna()) == set(activities["page_category"].dropna())
    assert in_september(full["handoffs"]["first_contact_at"]).sum() >= 100
    assert (in_september(deals["closed_at"]) & deals["is_won"]).sum() >= 5
    assert set(full["costs"].loc[in_september(full["costs"]["incurred_at"]), "category"]) == {
        "ads",
        "content",
        "tools",
        "people",
        "events",
    }
    for channel in ("webinar", "whitepaper", "ads", "owned_media", "event", "referral", "inquiry"):
        assert (in_september(leads["created_at"]) & (leads["channel"] == channel)).sum() >= 10, channel
