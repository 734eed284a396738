"""``kpi build`` stopped at one point, for the kill tests.

Run as ``python fault_runner.py POINT MARKER PROJECT SITE``.

At POINT the build writes POINT into the MARKER file and waits there until the test kills it. The points
are places in the real code, wrapped here (nothing in the product knows about them):

- ``loading``: validating the catalogue (after the start-of-build repair of a killed build's leftovers);
- ``measuring``: about to measure (the data checks' worker and the chart worker have started);
- ``checks``: waiting for the data checks (the workers are busy);
- ``pages``: the site builder has written the pages into ``.site-new-*``, charts not yet filled in;
- ``journal``: the swap's journal is written, nothing renamed yet;
- ``aside``: ``site/`` is renamed aside, the new site not yet in place (between the two renames);
- ``swapped``: both renames done, the journal and the old site not yet removed;
- ``none``: no stop (a complete build).
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def pause(point: str, marker: Path) -> None:
    temporary = marker.with_name(marker.name + ".tmp")
    temporary.write_text(point, encoding="utf-8")
    os.replace(temporary, marker)  # the test sees the whole name or nothing
    time.sleep(3600)


def before(function: Callable[..., Any], stop: Callable[[], None]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        stop()
        return function(*args, **kwargs)

    return wrapped


def install(point: str, marker: Path) -> None:
    from generator import incremental, pipeline
    from generator.site import check_stage

    stop = functools.partial(pause, point, marker)
    if point == "loading":
        pipeline.require_valid = before(pipeline.require_valid, stop)
    elif point == "measuring":
        incremental.measure = before(incremental.measure, stop)  # type: ignore[attr-defined]
    elif point == "checks":
        check_stage.DataChecks.finish = before(check_stage.DataChecks.finish, stop)  # type: ignore[method-assign]
    elif point == "pages":
        incremental.IncrementalRun.fill_charts = before(  # type: ignore[method-assign]
            incremental.IncrementalRun.fill_charts, stop
        )
    elif point in ("journal", "aside", "swapped"):
        from generator.site import publish

        _stop_in_the_swap(point, publish, stop)
    elif point != "none":
        raise SystemExit(f"unknown point {point}")


def _stop_in_the_swap(point: str, publish: Any, stop: Callable[[], None]) -> None:
    renames_since_journal: list[int] = []
    write_journal, rename = publish._write_journal, publish._rename

    def journal_written(*args: Any) -> None:
        write_journal(*args)
        renames_since_journal.clear()
        renames_since_journal.append(0)
        if point == "journal":
            stop()

    def renamed(*args: Any) -> None:
        rename(*args)
        if renames_since_journal:
            renames_since_journal[0] += 1
            if renames_since_journal[0] == {"aside": 1, "swapped": 2}[point]:
                stop()

    publish._write_journal = journal_written
    publish._rename = renamed


def main() -> None:
    point, marker, project, site = sys.argv[1:5]
    install(point, Path(marker))
    from generator.cli import main as kpi

    sys.argv = ["kpi", "build", "--project", project, "--site-dir", site]
    kpi()


if __name__ == "__main__":
    main()
