"""Read a definition file only when it is a regular file inside the project, and not too large.

A copied project can hold a ``metrics/x.yml`` symlink to ``/etc/passwd`` or ``/proc/self/environ``,
a FIFO that blocks a plain ``open``, or a 1 GB file. The type, place and size are checked on the
file itself (``stat``/``fstat``) before one byte is read, and a FIFO is never opened.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from ..model.positions import Position
from .safe_yaml import MAX_FILE_BYTES

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(Exception):
    """A definition path that is not read: its code and bilingual reason, located at the file start."""

    position = Position(1, 1)

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en


def matching_entries(root: Path, pattern: str) -> list[str]:
    """Every entry of ``folder/*.ext`` whatever its type (links, folders, FIFOs too), POSIX and sorted."""
    folder, _, name_pattern = pattern.rpartition("/")
    try:
        with os.scandir(root / folder) as entries:
            names = [entry.name for entry in entries if fnmatch.fnmatchcase(entry.name, name_pattern)]
    except OSError:  # no such folder, or not a folder: nothing of this kind
        return []
    return sorted(f"{folder}/{name}" if folder else name for name in names)


def read_definition(root: Path, relative: str) -> bytes:
    """The bytes of ``root/relative``, or :class:`FileRefused` saying why it was not read."""
    path = root / relative
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python 3.11/3.12
        raise _refused(
            "FILE003",
            "リンク切れか循環しているシンボリックリンクです",
            "a broken or looping symbolic link",
            "リンクを直すか削除してください",
            "fix the link or delete it",
        ) from None
    if not resolved.is_relative_to(root.resolve()):
        raise _refused(
            "FILE002",
            "プロジェクトの外を指すシンボリックリンクです(読みません)",
            "a symbolic link to a file outside the project (not read)",
            "定義ファイルそのものをプロジェクトに置いてください",
            "put the definition file itself in the project",
        )
    try:
        found = os.stat(resolved)
    except OSError as error:
        raise _unreadable(error) from None
    _require_regular(found)
    try:
        descriptor = os.open(resolved, _OPEN_FLAGS)
    except OSError as error:
        raise _unreadable(error) from None
    with os.fdopen(descriptor, "rb") as file:
        opened = os.fstat(file.fileno())
        _require_regular(opened)  # the path may have been swapped between stat and open
        _require_small(opened.st_size)
        raw = file.read(MAX_FILE_BYTES + 1)
    _require_small(len(raw))  # a file that grew after fstat
    return raw


def _require_regular(found: os.stat_result) -> None:
    if not stat.S_ISREG(found.st_mode):
        folder = stat.S_ISDIR(found.st_mode)
        kind_ja, kind_en = ("フォルダ", "a folder") if folder else ("特殊ファイル", "a special file")
        raise _refused(
            "FILE004",
            f"通常のファイルではありません({kind_ja}、FIFO やデバイスは読みません)",
            f"not a regular file ({kind_en}; FIFOs and devices are never read)",
            "この名前の項目を移動するか削除してください",
            "move or delete the entry with this name",
        )


def _require_small(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            "YAML006",
            f"ファイルが大きすぎます({size:,} バイト、上限 {MAX_FILE_BYTES:,})— 分割してください",
            f"file too large ({size:,} bytes, limit {MAX_FILE_BYTES:,}) — split it",
        )


def _unreadable(error: OSError) -> FileRefused:
    reason = error.strerror or type(error).__name__
    return _refused(
        "FILE005",
        f"ファイルを読めません({reason})",
        f"the file cannot be read ({reason})",
        "ファイルの権限を確認してください",
        "check the file's permissions",
    )


def _refused(code: str, what_ja: str, what_en: str, fix_ja: str, fix_en: str) -> FileRefused:
    return FileRefused(code, f"{what_ja} — {fix_ja}", f"{what_en} — {fix_en}")
