"""KPIs measured by the SLA contract: rule-derived MQLs (scoring) and SLA compliance (hand-offs).

The per-lead frames come from ``scoring.py`` and ``sla_report.py``; here they become period cells
(by each lead's hand-off-ready moment, or each hand-off's period) and segment cells.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter

import pandas as pd

from ..model.sla import Sla
from .backend import Backend
from .errors import MeasureError
from .scope import DIMENSION_COLUMNS, UNKNOWN_SEGMENT, Cell, Cells, Scope
from .scoring import score_at_least_cells


def score_cells(scores: pd.DataFrame, scope: Scope) -> Cells:
    """Rule-derived MQLs counted by the period of ``ready_at`` (``scoring.score_at_least_cells``)."""
    if scope.grain != "window":
        return score_at_least_cells(scores, scope)
    ready = pd.to_datetime(scores["ready_at"])
    inside = ready.notna() & (ready >= pd.Timestamp(scope.start)) & (ready < pd.Timestamp(scope.end))
    column = DIMENSION_COLUMNS[scope.dimension] if scope.dimension else None
    segments = scores.loc[inside, column] if column else pd.Series([None] * int(inside.sum()))
    counts = Counter(_segment(value, column) for value in segments)
    return {(scope.start.date(), segment): Cell(float(n), support=float(n)) for segment, n in counts.items()}


def sla_compliance_cells(backend: Backend, sla: Sla, as_of: dt.date, scope: Scope) -> Cells:
    """Share of hand-offs contacted within the deadline, by hand-off period (``sla_report.py``)."""
    try:
        report = importlib.import_module("generator.engine.sla_report")
    except ImportError:
        raise MeasureError(
            "SLA 遵守率の計算(sla_report)はまだありません", "SLA compliance (sla_report) is not available yet"
        ) from None
    compliance = getattr(report, "compliance_cells", None)
    if compliance is None:
        raise MeasureError(
            "sla_report.compliance_cells がありません", "sla_report.compliance_cells is missing"
        )
    cells: Cells = compliance(backend, sla, as_of, scope)
    return cells


def _segment(value: object, column: str | None) -> str | None:
    if column is None:
        return None
    if value is None or (isinstance(value, float) and value != value):
        return UNKNOWN_SEGMENT
    return str(value)
