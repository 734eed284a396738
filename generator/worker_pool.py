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
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def worker_pool(*, lower_priority: bool = False) -> ProcessPoolExecutor:
    """One spawned worker process, started now, that dies when this process dies.

    ``lower_priority``: the worker yields the CPU to the build (``nice 10``).
    """
    # "spawn": a forked child would inherit the parent's DuckDB threads mid-state.
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=bound_to_parent,
        # Plain values only: whatever the worker must import to unpickle these, it imports before its
        # first step can arm the signal (a killed build's worker lived on for as long as that took).
        initargs=(os.getpid(), lower_priority),
    )
    pool.submit(_nothing)  # the worker starts here, in the calling thread (see the module docstring)
    return pool


def bound_to_parent(parent_pid: int, lower_priority: bool = False) -> None:
    """A worker's first step: die with ``parent_pid``, never read or print the build's stdin/stdout."""
    die_with_parent()
    if os.getppid() != parent_pid:  # the build died before the signal was armed: nobody waits for us
        os._exit(1)
    _detach_from_stdio()
    if lower_priority:
        try:
            os.nice(10)
        except OSError:  # not permitted here: work at the normal priority
            pass


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
