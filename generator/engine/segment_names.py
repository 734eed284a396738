"""Readable names for segment keys that are ids: a campaign's name from the campaigns table.

Only the name of a key that already labels an aggregate row is attached (``SegmentValue.label``);
the campaigns table itself is never published, and a name column marked personal is never read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import pandas as pd
from sqlglot import exp

from ..model.measurement import KpiMeasurement
from ..model.sources import Table
from .errors import MeasureError
from .sqlparts import col

CAMPAIGNS, CAMPAIGN_ID, CAMPAIGN_NAME = "campaigns", "campaign_id", "name"

Fetch = Callable[[exp.Expr], pd.DataFrame]


def campaign_names(fetch: Fetch, tables: Mapping[str, Table]) -> dict[str, str]:
    """campaign_id → name, or nothing when the table, its name column, or the query is unavailable."""
    table = tables.get(CAMPAIGNS)
    name = table.column(CAMPAIGN_NAME) if table else None
    if table is None or name is None or name.personal or table.column(CAMPAIGN_ID) is None:
        return {}
    query = exp.select(col(CAMPAIGN_ID), col(CAMPAIGN_NAME)).from_(exp.to_table(CAMPAIGNS))
    try:
        frame = fetch(query)
    except MeasureError:  # names are a courtesy: without them the ids are shown
        return {}
    return {
        str(key): str(value)
        for key, value in zip(frame[CAMPAIGN_ID], frame[CAMPAIGN_NAME], strict=True)
        if pd.notna(key) and pd.notna(value) and str(value).strip()
    }


def name_campaign_segments(
    measured: Mapping[str, KpiMeasurement], fetch: Fetch, tables: Mapping[str, Table]
) -> dict[str, KpiMeasurement]:
    """Campaign segments labelled with names (the campaigns table is read only when a KPI splits by it)."""
    if not any(s.dimension == "campaign" for m in measured.values() for s in m.segments):
        return dict(measured)
    return with_campaign_names(measured, campaign_names(fetch, tables))


def with_campaign_names(
    measured: Mapping[str, KpiMeasurement], names: Mapping[str, str]
) -> dict[str, KpiMeasurement]:
    """Every KPI's campaign segments labelled with the campaign's name (others unchanged)."""
    if not names:
        return dict(measured)
    return {kpi_id: _named(measurement, names) for kpi_id, measurement in measured.items()}


def _named(measurement: KpiMeasurement, names: Mapping[str, str]) -> KpiMeasurement:
    if not any(s.dimension == "campaign" for s in measurement.segments):
        return measurement
    segments = tuple(
        dataclasses.replace(s, label=names[s.key]) if s.dimension == "campaign" and s.key in names else s
        for s in measurement.segments
    )
    return dataclasses.replace(measurement, segments=segments)
