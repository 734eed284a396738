"""Everything the renderer reads: the loaded catalogue plus what the earlier stages produced."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..checks.affected import DataProblem, data_problems
from ..model.change_log import ChangeLog
from ..model.check_result import CheckReport
from ..model.measurement import MeasurementSet
from ..model.project import Project

if TYPE_CHECKING:
    from .chart_slots import ChartCache
    from .views import KpiView


@dataclass(frozen=True)
class Change:
    """One commit that touched a definition file (from ``git log``); dates come from the commit."""

    commit: str
    author: str
    date: str
    subject: str


@dataclass(frozen=True)
class RuleDoc:
    """A validation rule as documented by its class docstring."""

    code: str
    name: str
    summary: str
    body: str
    title: str = ""  # the heading after the code: the Japanese title, or ``name`` in English


@dataclass(frozen=True)
class KpiSnapshot:
    """One KPI as the previous build saw it."""

    period: str | None
    value: float | None
    status: str


@dataclass(frozen=True)
class PreviousBuild:
    """The measurement summary saved by the last good build (``assets/kpi-summary.json``)."""

    as_of: dt.date | None
    kpis: Mapping[str, KpiSnapshot]
    failed_checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteInputs:
    project: Project
    measurements: MeasurementSet
    checks: CheckReport
    history: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)
    change_log: ChangeLog | None = None  # the definitions' semantic changes from git; None outside git
    rules: tuple[RuleDoc, ...] = ()
    previous: PreviousBuild | None = None
    k_anonymity: int = 5
    chart_cache: ChartCache | None = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def view_memo(self) -> dict[str, KpiView]:
        """KPI id → its judged view (``views.kpi_view``), filled as pages ask; new for every ``replace``."""
        return {}

    @functools.cached_property
    def data_problems(self) -> Mapping[str, tuple[DataProblem, ...]]:
        """KPI id → the failed error-level checks on what it reads (its value is withheld on every page)."""
        return data_problems(self.checks, self.project)
