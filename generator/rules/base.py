"""What every rule is: a stable code, a short name, and ``check(project) -> issues``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..model.issue import Issue, Location, Severity
from ..model.project import Project


class Rule:
    """Base of every validation rule; the docstring of a subclass shows a bad and a good example."""

    code: ClassVar[str]
    name: ClassVar[str]
    # The rules page in Japanese: a short title and a one-sentence summary (the docstring is the English).
    title_ja: ClassVar[str]
    summary_ja: ClassVar[str]

    def check(self, project: Project) -> Iterable[Issue]:
        """Yield every problem this rule finds; never raise for bad content."""
        raise NotImplementedError

    def issue(self, where: Location, ja: str, en: str, severity: Severity = Severity.ERROR) -> Issue:
        """An issue carrying this rule's code."""
        return Issue(self.code, where, ja, en, severity)

    def warning(self, where: Location, ja: str, en: str) -> Issue:
        """A warning carrying this rule's code (fails the run only with ``--strict``)."""
        return self.issue(where, ja, en, Severity.WARNING)
