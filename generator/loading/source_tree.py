"""Where a catalogue is read from: a directory, or a git revision (for ``kpi diff BASE HEAD``)."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .safe_files import matching_entries, read_definition


class SourceTree(Protocol):
    """Read-only view of a project tree; paths are POSIX and relative to its root."""

    @property
    def label(self) -> str: ...

    def glob(self, pattern: str) -> list[str]: ...

    def read_bytes(self, path: str) -> bytes:
        """The file's bytes, or :class:`~.safe_files.FileRefused` when it must not be read."""
        ...

    def exists(self, path: str) -> bool: ...


@dataclass(frozen=True)
class DirectoryTree:
    """The working tree (or any folder) on disk."""

    root: Path

    @property
    def label(self) -> str:
        return str(self.root)

    def glob(self, pattern: str) -> list[str]:
        # Every matching entry, not only regular files: read_bytes refuses the others with a reason,
        # so a link, folder or FIFO named like a definition is reported rather than skipped.
        return matching_entries(self.root, pattern)

    def read_bytes(self, path: str) -> bytes:
        return read_definition(self.root, path)

    def exists(self, path: str) -> bool:
        return os.path.lexists(self.root / path)


@dataclass(frozen=True)
class GitRevisionTree:
    """The files of one git revision, read without checking it out."""

    repo: Path
    revision: str

    @property
    def label(self) -> str:
        return f"{self.revision}"

    def _files(self) -> list[str]:
        out = subprocess.run(
            ["git", "-C", str(self.repo), "ls-tree", "-r", "--name-only", "-z", self.revision],
            check=True,
            capture_output=True,
        ).stdout
        return [name for name in out.decode("utf-8").split("\0") if name]

    def glob(self, pattern: str) -> list[str]:
        return sorted(name for name in self._files() if fnmatch.fnmatchcase(name, pattern))

    def read_bytes(self, path: str) -> bytes:
        return subprocess.run(
            ["git", "-C", str(self.repo), "show", f"{self.revision}:{path}"],
            check=True,
            capture_output=True,
        ).stdout

    def exists(self, path: str) -> bool:
        return path in self._files()
