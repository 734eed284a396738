"""A problem found in the catalogue or the data, located at file:line:col, in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a path relative to the project root, 1-based line and column."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Issue:
    """One finding: a stable code, where, what is wrong and how to fix it, in both languages."""

    code: str
    location: Location
    message_ja: str
    message_en: str
    severity: Severity = Severity.ERROR

    def message(self, lang: str) -> str:
        return self.message_ja if lang == "ja" else self.message_en

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.file, self.location.line, self.location.col, self.code)
