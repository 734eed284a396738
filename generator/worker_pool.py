"""Worker processes that die with the build that started them.

A build starts helper processes (the data checks' Great Expectations worker, the chart worker, and
multiprocessing's resource tracker). A pool worker waits on its task queue forever: if the build is
killed (SIGKILL, the OOM killer, a CI timeout), nothing tells the worker, and it lives on — holding
the build's stdout open, so a CI step reading that pipe never finishes. Each worker therefore asks
Linux to SIGKILL it when its parent dies (``PR_SET_PDEATHSIG``) and exits at once if the parent is
already gone. The resource tracker needs nothing of its own: it exits when the last process holding
its pipe (the build and its workers) is gone.

The parent-death signal fires when the *thread* that started the worker ends, so a pool must start
its worker from the build's main thread: ``worker_pool`` submits a no-op there to start it at once.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def worker_pool(initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """One spawned worker process, started now, that dies when this process dies."""
    # "spawn": a forked child would inherit the parent's DuckDB threads mid-state.
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=bound_to_parent,
        initargs=(os.getpid(), initializer),
    )
    pool.submit(_nothing)  # the worker starts here, in the calling thread (see the module docstring)
    return pool


def bound_to_parent(parent_pid: int, then: Callable[[], None] | None = None) -> None:
    """A worker's first step: die with ``parent_pid``, never print into the build's output, then ``then``."""
    die_with_parent()
    if os.getppid() != parent_pid:  # the build died before the signal was armed: nobody waits for us
        os._exit(1)
    _detach_from_stdio()
    if then is not None:
        then()


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends; ``False`` where it cannot (not Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _detach_from_stdio() -> None:
    """stdin and stdout become /dev/null: a worker reads nothing and prints nothing of the build's.

    stderr stays, so a worker that crashes still says why.
    """
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in (0, 1):
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)


def _nothing() -> None:
    """A task that only makes the pool start its worker."""
