"""The build's worker processes die with it, even when it is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# A stand-in for the build: starts the data checks' worker and the chart worker the way a build does,
# prints their pids and waits to be killed.
PARENT = """
import os, time
from generator.render.chart_slots import ChartWorker
from generator.site.check_stage import start_worker

checks, charts = start_worker(), ChartWorker()
print(checks.submit(os.getpid).result(), charts.pool.submit(os.getpid).result(), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_workers_die_with_a_killed_build_and_release_its_output() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert parent.stdout is not None
    workers: list[int] = []
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(alive(pid) for pid in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        try:  # end-of-file on both pipes: no worker (nor the resource tracker) keeps them open
            parent.communicate(timeout=2)
        except subprocess.TimeoutExpired:
            pytest.fail("a worker still holds the killed build's stdout or stderr")
        deadline = time.monotonic() + 2
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid in workers if alive(pid)] == []
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_a_worker_whose_build_is_already_gone_exits_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import worker_pool

    exits: list[int] = []

    def exit_now(code: int) -> None:
        exits.append(code)
        raise SystemExit(code)

    monkeypatch.setattr(worker_pool, "die_with_parent", lambda: True)
    monkeypatch.setattr(os, "_exit", exit_now)  # the os module worker_pool calls
    with pytest.raises(SystemExit):
        worker_pool.bound_to_parent(
            os.getppid() + 1_000_000, lower_priority=True
        )  # not our parent: the build died first
    assert exits == [1]
