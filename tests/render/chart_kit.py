"""What the chart tests share: an SLA report of hand-picked figures, and the rows a spec's layer draws."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.model.measurement import Histogram, Point, SegmentValue, SlaReport

REPORT = SlaReport(
    sla_id="mql_sql",
    deadline_business_hours=4.0,
    speed_to_lead_hours=Histogram((0, 1, 4, 8, 24), (120, 60, 30, 5)),
    compliance_by_week=(
        Point("2026-W38", dt.date(2026, 9, 14), 0.81, 35, 43),
        Point("2026-W39", dt.date(2026, 9, 21), 0.75, 30, 40),
    ),
    compliance_by_team=(
        SegmentValue("owner_team", "is_east", 0.82, 150),
        SegmentValue("owner_team", "is_west", 0.71, 3, suppressed=True),
    ),
    score_distribution=Histogram((0, 30, 60, 90), (50, 30, 10)),
    threshold=60,
    recorded_mqls=300,
    rule_derived_mqls=280,
    both=250,
)


def layer_values(spec: dict[str, Any], mark: str) -> list[dict[str, Any]]:
    """The inline rows of the first layer drawing ``mark``."""
    for layer in spec["layer"]:
        kind = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if kind == mark:
            # Altair hoists data shared by the layers to the top, and names datasets by content hash.
            data = layer.get("data", spec.get("data"))
            if "values" in data:
                return list(data["values"])
            return list(spec["datasets"][data["name"]])
    raise AssertionError(f"no {mark} layer")
