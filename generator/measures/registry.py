"""The one table of measure kinds: each ``compute`` spec class and the module that knows how to measure it.

Adding a kind: its spec class in :mod:`generator.model.compute` (and the ``Compute`` union), one module
here with a :class:`~generator.measures.kind.MeasureKind`, one line in ``KINDS``, and its tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.compute import (
    BrowsingAfterTouch,
    ContinuousResponse,
    Conversion,
    Count,
    Derived,
    Duration,
    Ratio,
    ScoreAtLeast,
    SlaCompliance,
    Sum,
)
from ..model.kpi import Kpi
from .browsing_after_touch import BROWSING_AFTER_TOUCH
from .continuous_response import CONTINUOUS_RESPONSE
from .conversion import CONVERSION
from .count import COUNT
from .derived import DERIVED
from .duration import DURATION
from .kind import MeasureKind
from .ratio import RATIO
from .score_at_least import SCORE_AT_LEAST
from .sla_compliance import SLA_COMPLIANCE
from .sum import SUM

KINDS: dict[type[Any], MeasureKind[Any]] = {
    Count: COUNT,
    Sum: SUM,
    Ratio: RATIO,
    Conversion: CONVERSION,
    Derived: DERIVED,
    Duration: DURATION,
    ContinuousResponse: CONTINUOUS_RESPONSE,
    BrowsingAfterTouch: BROWSING_AFTER_TOUCH,
    SlaCompliance: SLA_COMPLIANCE,
    ScoreAtLeast: SCORE_AT_LEAST,
}


class UnregisteredKind(LookupError):
    """A spec class without a kind: a programming error, so it stops the run rather than skip the KPI."""


def kind_of(spec: object) -> MeasureKind[Any]:
    """The kind that measures ``spec`` (a ``compute`` spec, or a ratio's count or sum operand)."""
    kind = KINDS.get(type(spec))
    if kind is None:
        raise UnregisteredKind(
            f"no measure kind is registered for {type(spec).__name__}"
            " — add its module to KINDS in generator/measures/registry.py"
        )
    return kind


def sums_over_time(kpi: Kpi) -> bool:
    """A quarter's value is the sum of its months' (counts and amounts): targets split by period."""
    return kind_of(kpi.compute).sums_over_time


def maturity_days(kpi: Kpi, kpis: Mapping[str, Kpi]) -> int:
    """Days after a period ends before the KPI's value stops changing: its own cohort window, or the
    longest of the KPIs it is computed from (a ratio of a conversion matures with the conversion)."""
    seen: set[str] = set()

    def days(current: Kpi) -> int:
        if current.id in seen:  # a cycle is REF007's to report; measuring refuses it
            return 0
        seen.add(current.id)
        kind = kind_of(current.compute)
        own = kind.maturity_days(current.compute)
        referenced = (
            days(kpis[ref]) for ref, _ in kind.kpi_references(current.compute, current) if ref in kpis
        )
        return max([own, *referenced])

    return days(kpi)
