"""Where a value was written: the model's view of source positions (the loader fills them in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

KeyPath = tuple[str | int, ...]  # keys and list indexes from the top of a file to a value


@dataclass(frozen=True)
class Position:
    """1-based line and column in a source file."""

    line: int
    col: int


class SourceDocument(Protocol):
    """A parsed file: its plain data, and where any key path was written."""

    @property
    def data(self) -> Any: ...

    def locate(self, path: KeyPath) -> Position:
        """Position of the longest prefix of ``path`` that exists (the file start if none)."""
        ...
