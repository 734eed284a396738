"""The last good build's summary (``assets/kpi-summary.json``), for "what changed since the last build"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..render.inputs import KpiSnapshot, PreviousBuild
from ..render.links import SUMMARY_JSON


def read_previous(site_dir: Path) -> PreviousBuild | None:
    """``None`` when there is no previous site or its summary is unreadable (then nothing is compared)."""
    try:
        data = json.loads((site_dir / SUMMARY_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return parse_summary(data)


def parse_summary(data: Any) -> PreviousBuild | None:
    if not isinstance(data, dict) or not isinstance(data.get("kpis"), dict):
        return None
    kpis = {}
    for kpi_id, entry in data["kpis"].items():
        if not isinstance(entry, dict):
            continue
        value = entry.get("value")
        kpis[str(kpi_id)] = KpiSnapshot(
            period=str(entry["period"]) if entry.get("period") is not None else None,
            value=float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None,
            status=str(entry.get("status", "")),
        )
    failed = data.get("failed_checks")
    return PreviousBuild(
        as_of=_date(data.get("as_of")),
        kpis=kpis,
        failed_checks=tuple(str(c) for c in failed) if isinstance(failed, list) else (),
    )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
