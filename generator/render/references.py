"""Print the figures a rationale or a review note cites (``{{kpi@2026-08}}``, ``{{kpi@target}}``) from data.

The result is plain text: the template escapes it like any other definition text, so a reference can
never inject markup. A period without a value reads 「—(データなし)」; a value a failed data check
withholds everywhere else is withheld here too.
"""

from __future__ import annotations

import dataclasses

from ..engine.tree_math import tree_target
from ..model.kpi import Kpi, Review, Target
from ..model.text_refs import Reference, substitute
from .formatting import current_target
from .inputs import SiteInputs
from .money_text import written_value
from .target_arithmetic import target_equations
from .views import OverdueAction

NO_DATA = "—(データなし)"
NO_TARGET = "—(目標なし)"
UNREADABLE = "—(参照を読めません)"
WITHHELD = "—(データに問題あり)"


def resolve_text(text: str, inputs: SiteInputs) -> str:
    """``text`` with each reference replaced by the figure it names, formatted in the KPI's unit."""
    return substitute(text, lambda reference: _figure(reference, inputs))


def resolved_review(review: Review, inputs: SiteInputs) -> Review:
    """The review with its observation, cause and action printed from data."""
    return review.model_copy(
        update={
            "observation": resolve_text(review.observation, inputs),
            "cause": resolve_text(review.cause, inputs),
            "action": resolve_text(review.action, inputs),
        }
    )


def rationale_text(kpi: Kpi, target: Target, inputs: SiteInputs) -> str | None:
    """The tree's arithmetic for the target the tree plans with, then the written rationale below it."""
    lines = target_equations(inputs.project, kpi.id) if target is tree_target(kpi.targets) else []
    if target.rationale is not None:
        lines.append(resolve_text(target.rationale, inputs))
    return "\n".join(lines) or None


def resolved_action(action: OverdueAction, inputs: SiteInputs) -> OverdueAction:
    return dataclasses.replace(action, review=resolved_review(action.review, inputs))


def _figure(reference: Reference, inputs: SiteInputs) -> str:
    loaded = inputs.project.kpi(reference.kpi_id) if reference.problem is None else None
    if loaded is None:  # TXT001 reports it; the page still renders
        return UNREADABLE
    kpi = loaded.spec
    if reference.is_target:
        target = current_target(kpi, inputs.measurements.as_of)
        return NO_TARGET if target is None else written_value(kpi, target.value)
    if inputs.data_problems.get(kpi.id):
        return WITHHELD
    measurement = inputs.measurements.kpis.get(kpi.id)
    series = measurement.series if measurement else ()
    point = next((p for p in series if p.period == reference.period), None)
    if point is None or point.value is None:
        return NO_DATA
    return written_value(kpi, point.value)
