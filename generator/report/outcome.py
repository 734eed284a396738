"""The result of ``kpi check``: every issue, sorted, plus how much was read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.issue import Issue, Severity
from .escaping import visible, visible_issue


@dataclass(frozen=True)
class CheckOutcome:
    """Issues sorted by place, the number of files read and the count of each object kind."""

    issues: tuple[Issue, ...]
    files: int
    counts: dict[str, int] = field(default_factory=dict)
    # Where the project sits relative to the working directory ("" when it is the working directory):
    # GitHub annotations need repository paths, while people read project paths.
    prefix: str = ""

    @classmethod
    def of(cls, issues: list[Issue], files: int, counts: dict[str, int], prefix: str = "") -> CheckOutcome:
        # Escaped once here, so every format (text, JSON, GitHub) prints the same safe text.
        safe = (visible_issue(issue) for issue in issues)
        return cls(tuple(sorted(safe, key=Issue.sort_key)), files, dict(counts), visible(prefix))

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == Severity.WARNING)

    def exit_code(self, strict: bool) -> int:
        """0 when all is well; 1 on any error (or any warning with ``--strict``)."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0
