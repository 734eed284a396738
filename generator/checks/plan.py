"""What a check becomes before GX runs it: a small frame, one expectation, and how to explain the outcome."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from ..model.check_result import CheckResult, CheckSeverity
from ..model.issue import Location

Messages = tuple[str, str]  # (Japanese, English)


@dataclass(frozen=True)
class Target:
    """Which declared check a result belongs to, and where it is declared."""

    check_id: str
    subject_kind: Literal["table", "kpi"]
    subject: str
    rule: str
    column: str | None
    location: Location
    severity: CheckSeverity = "error"

    def result(
        self,
        success: bool,
        messages: Messages,
        unexpected_count: int | None = None,
        element_count: int | None = None,
    ) -> CheckResult:
        return CheckResult(
            check_id=self.check_id,
            subject_kind=self.subject_kind,
            subject=self.subject,
            rule=self.rule,
            column=self.column,
            success=success,
            unexpected_count=unexpected_count,
            element_count=element_count,
            message_ja=messages[0],
            message_en=messages[1],
            location=self.location,
            severity=self.severity,
        )


@dataclass(frozen=True)
class Outcome:
    """What GX concluded, reduced to counts; GX's lists of unexpected values are never kept."""

    success: bool
    unexpected_count: int | None  # rows (weighted) or periods that broke the expectation
    element_count: int | None  # rows (weighted) or periods the expectation looked at
    observed: object | None = None  # an aggregate (latest date, row count), never a row's value
    evaluated: bool = True  # False when GX raised instead of evaluating


@dataclass(frozen=True)
class Planned:
    """One expectation on one small frame.

    ``weight`` names a column holding how many source rows each frame row stands for: the checks run
    GX on summaries computed by DuckDB (one row per distinct value, day or outcome), so the number of
    rows breaking a rule is the sum of the weights of the frame rows GX found unexpected.

    ``owner`` (column, value) picks this check's rows from a frame shared by many subjects (every KPI's
    periods in one frame): identical expectations on a shared frame run once in GX, and each check
    counts only the unexpected rows it owns.
    """

    target: Target
    frame_key: str  # checks with the same key share one frame and one GX validation
    frame: pd.DataFrame = field(repr=False)
    expectation_type: str
    kwargs: Mapping[str, object]
    explain: Callable[[Outcome], Messages] = field(repr=False)
    weight: str | None = None
    owner: tuple[str, str] | None = None

    def owned(self) -> pd.DataFrame:
        if self.owner is None:
            return self.frame
        column, value = self.owner
        return self.frame[self.frame[column] == value]

    def finish(self, outcome: Outcome) -> CheckResult:
        return self.target.result(
            outcome.success, self.explain(outcome), outcome.unexpected_count, outcome.element_count
        )


Step = Planned | CheckResult  # a check either runs through GX or already has its result (data missing)
