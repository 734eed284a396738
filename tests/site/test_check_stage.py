"""The data checks' worker process: stopped at once when the build fails."""

from __future__ import annotations

import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from generator.site.check_stage import start_worker, stop_worker


def test_a_failed_build_stops_the_check_worker_instead_of_waiting_for_it() -> None:
    worker = start_worker()
    running = worker.submit(time.sleep, 120)  # as a GX import and table checks would still be running
    time.sleep(1)  # the worker has started and taken the task
    started = time.monotonic()
    stop_worker(worker)
    assert time.monotonic() - started < 60  # did not wait out the task
    with pytest.raises(BrokenProcessPool):
        running.result(timeout=10)
