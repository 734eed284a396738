"""The last good build's summary (``assets/kpi-summary.json``), for "what changed since the last build"."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from ..render.inputs import KpiSnapshot, PreviousBuild
from ..render.links import SUMMARY_JSON
from .regular_files import read_json


def read_previous(site_dir: Path) -> PreviousBuild | None:
    """``None`` when there is no previous site or its summary is unreadable (then nothing is compared)."""
    return parse_summary(read_json(site_dir / SUMMARY_JSON))


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
            value=_number(value),
            status=str(entry.get("status", "")),
        )
    failed = data.get("failed_checks")
    return PreviousBuild(
        as_of=_date(data.get("as_of")),
        kpis=kpis,
        failed_checks=tuple(str(c) for c in failed) if isinstance(failed, list) else (),
    )


def _number(value: Any) -> float | None:
    """A finite number, else ``None`` (JSON allows integers too large for a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
