"""The one way a pipeline stage stops a run: lines for people, never a traceback."""

from __future__ import annotations


class BuildFailure(Exception):
    """The run cannot go on; ``lines`` say what is wrong and how to fix it."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
