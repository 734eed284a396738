"""Results of data-quality checks (table checks and KPI series checks), saved as JSON for site and CI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .issue import Location

CheckSeverity = Literal["error", "warning"]  # see model.sources.DeclaredCheck for what each means


@dataclass(frozen=True)
class CheckResult:
    """One expectation's outcome; messages name table, column, rule and a count, never a lead's fields."""

    check_id: str  # "table:leads:unique:lead_id", "kpi:mql_to_sql_rate:between"
    subject_kind: Literal["table", "kpi"]
    subject: str
    rule: str
    column: str | None
    success: bool
    unexpected_count: int | None
    element_count: int | None
    message_ja: str
    message_en: str
    location: Location  # where the check is declared in YAML
    severity: CheckSeverity = "error"

    @property
    def blocks_kpis(self) -> bool:
        """A failed error-level check on a table: the KPIs reading what it checks are not trusted.

        ``freshness`` never blocks: old data is not wrong data (a KPI's own latest-period checks say
        when its last period is incomplete).
        """
        failed = not self.success and self.severity == "error"
        return failed and self.subject_kind == "table" and self.rule != "freshness"


@dataclass(frozen=True)
class CheckReport:
    results: tuple[CheckResult, ...]

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if not r.success)
