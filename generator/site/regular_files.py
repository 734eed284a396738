"""Reading files a build did not write itself this run (cache entries, the last site's summary, the journal).

Only regular files are read. A FIFO, a device or a folder in their place is refused without blocking:
``open`` on a FIFO waits for a writer forever, which hung the build.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` if it is missing, unreadable or not a regular file."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once (instead of waiting for a writer) and is refused below.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        os.set_blocking(handle, True)
        with os.fdopen(handle, "rb", closefd=False) as file:
            return file.read()
    except OSError:
        return None
    finally:
        os.close(handle)


def read_text(path: Path) -> str | None:
    """The file as UTF-8 text, or ``None`` (see ``read_bytes``; undecodable text is ``None`` too)."""
    data = read_bytes(path)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_json(path: Path) -> Any:
    """The file's JSON of any shape, or ``None`` (the caller checks the shape: a wrong one is a miss)."""
    text = read_text(path)
    try:
        return json.loads(text) if text is not None else None
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than Python recurses
        return None
