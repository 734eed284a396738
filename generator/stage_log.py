"""Progress for people: how long each stage took (the build bench reads these lines too)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("generator.site")


@contextmanager
def stage(label: str) -> Iterator[None]:
    """Log how long a stage took."""
    started = time.perf_counter()
    yield
    log.info("%s: %.1f 秒", label, time.perf_counter() - started)
