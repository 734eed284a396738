"""A small content-addressed cache under ``.cache/``: one JSON file per key, oldest entries pruned.

A damaged or outdated entry is a miss, never an error: the stage simply runs again. Entries are read
only from regular files (see ``regular_files``): a FIFO in the cache is refused, not waited on.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

from ..render.chart_slots import ChartJob
from . import regular_files
from .codec import CodecError, dumps, loads
from .safe_svg import trusted_chart_html

T = TypeVar("T")
KEEP_PER_KIND = 6


class StageCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def load(self, kind: str, key: str, result_type: type[T]) -> T | None:
        text = regular_files.read_text(self._path(kind, key))
        try:
            return loads(text, result_type) if text is not None else None
        except CodecError:
            return None

    def store(self, kind: str, key: str, value: object) -> None:
        self.write_text(kind, f"{key}.json", dumps(value))
        self._prune(kind)

    def read_json(self, kind: str, name: str) -> Any:
        """Parsed JSON of any shape, or ``None``: the caller checks the shape (a wrong one is a miss)."""
        return regular_files.read_json(self.root / kind / name)

    def read_text(self, kind: str, name: str) -> str | None:
        return regular_files.read_text(self.root / kind / name)

    def write_text(self, kind: str, name: str, text: str) -> None:
        """Write atomically (temp file, then rename) so a crash never leaves half a cache entry."""
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        except OSError:
            return  # a read-only checkout still builds, just without caching
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, folder / name)
        except OSError:  # e.g. a folder where the entry goes: no entry, and no temp file left either
            Path(temporary).unlink(missing_ok=True)

    def _prune(self, kind: str) -> None:
        entries = sorted(self.root.joinpath(kind).glob("*.json"), key=_modified, reverse=True)
        for stale in entries[KEEP_PER_KIND:]:
            forget(stale)


def _modified(path: Path) -> int:
    try:
        return path.lstat().st_mtime_ns
    except OSError:  # gone meanwhile (another build pruned it)
        return 0


def forget(path: Path) -> None:
    """Delete a cache entry; one that cannot be deleted (a folder, a read-only cache) is left."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


class ChartStore:
    """Chart HTML by key (see ``generator.render.chart_slots``); entries a build did not use are pruned.

    Charts are drawn in the background (``drawing``) while the pages are built; ``finish`` waits for
    that and draws whatever a page expects that is still missing.
    """

    KIND = "charts"

    def __init__(self, cache: StageCache) -> None:
        self.cache = cache
        self.used: set[str] = set()
        self.memory: dict[str, str] = {}  # this build's charts, even when .cache cannot be written
        self.expected: dict[str, ChartJob] = {}
        self.drawing: threading.Thread | None = None
        self.lock = threading.Condition()  # the drawing thread puts while pages get

    def get(self, key: str) -> str | None:
        with self.lock:
            self.used.add(key)
            if key in self.memory:
                return self.memory[key]
        # Read back from disk, an entry is data until proven a chart (see safe_svg): else a miss.
        text = self.cache.read_text(self.KIND, f"{key}.html")
        found = trusted_chart_html(text) if text is not None else None
        if found is not None:
            with self.lock:
                self.memory[key] = found
        return found

    def put(self, key: str, html: str) -> None:
        with self.lock:
            self.used.add(key)
            self.memory[key] = html
            self.lock.notify_all()
        self.cache.write_text(self.KIND, f"{key}.html", html)

    def wait_for(self, key: str) -> str | None:
        """One entry, as soon as the background drawing has it (``None`` if it never comes)."""
        with self.lock:
            while key not in self.memory and self.drawing is not None and self.drawing.is_alive():
                self.lock.wait(timeout=0.5)
        return self.get(key)

    def expect(self, job: ChartJob) -> None:
        with self.lock:
            self.used.add(job.key)
            self.expected[job.key] = job

    def finish(self) -> None:
        """Every expected chart drawn: the background's, then any it missed (drawn here)."""
        if self.drawing is not None:
            self.drawing.join()
        for key, job in sorted(self.expected.items()):
            if self.get(key) is None:
                self.put(key, job.draw())

    def prune(self) -> None:
        """Forget charts of KPIs that changed or went away, so ``.cache`` does not grow forever."""
        folder = self.cache.root / self.KIND
        if not self.used or not folder.is_dir():
            return
        for path in folder.glob("*.html"):
            if path.stem not in self.used:
                forget(path)
