"""Where a catalogue is read from: a directory, or a git revision (for ``kpi diff BASE HEAD``)."""

from __future__ import annotations

import fnmatch
import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .safe_files import matching_entries, read_definition
from .safe_yaml import MAX_FILE_BYTES


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
    """The files of one git revision, read without checking it out.

    The file list is read once, and every YAML file's bytes in one ``git cat-file --batch`` call on the
    first read: a catalogue is some fifty small files, and a process per file made loading one revision
    take a second (the site's change log loads one per commit).
    """

    repo: Path
    revision: str

    @property
    def label(self) -> str:
        return f"{self.revision}"

    @functools.cached_property
    def _entries(self) -> dict[str, tuple[str, int]]:
        """Path → (blob id, size) of every file in the revision."""
        out = subprocess.run(
            ["git", "-C", str(self.repo), "ls-tree", "-r", "-l", "-z", self.revision],
            check=True,
            capture_output=True,
        ).stdout
        entries = {}
        for record in out.decode("utf-8").split("\0"):
            meta, tab, name = record.partition("\t")
            parts = meta.split()
            if tab and len(parts) == 4 and parts[1] == "blob":
                entries[name] = (parts[2], int(parts[3]) if parts[3].isdigit() else MAX_FILE_BYTES + 1)
        return entries

    @functools.cached_property
    def _yaml(self) -> dict[str, bytes]:
        wanted = {
            name: blob
            for name, (blob, size) in self._entries.items()
            if name.endswith((".yml", ".yaml")) and size <= MAX_FILE_BYTES  # larger: read (and refused) alone
        }
        return dict(zip(wanted, _cat_blobs(self.repo, list(wanted.values())), strict=True))

    def _files(self) -> list[str]:
        return list(self._entries)

    def glob(self, pattern: str) -> list[str]:
        return sorted(name for name in self._files() if fnmatch.fnmatchcase(name, pattern))

    def read_bytes(self, path: str) -> bytes:
        if path in self._yaml:
            return self._yaml[path]
        return subprocess.run(
            ["git", "-C", str(self.repo), "show", f"{self.revision}:{path}"],
            check=True,
            capture_output=True,
        ).stdout

    def exists(self, path: str) -> bool:
        return path in self._entries


def _cat_blobs(repo: Path, blobs: list[str]) -> list[bytes]:
    """The contents of ``blobs``, in order, from one ``git cat-file --batch``."""
    if not blobs:
        return []
    out = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{blob}\n" for blob in blobs).encode("ascii"),
        check=True,
        capture_output=True,
    ).stdout
    found, at = [], 0
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        found.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1  # the contents end with a newline of the batch format
    return found
