"""``kpi build`` killed with SIGKILL at each stage: the site is always whole, nothing is left behind.

Each case runs the real ``kpi build`` in a subprocess (see ``fault_runner``) that stops at one point,
then kills the build process alone (as the OOM killer or a CI timeout would) and checks that

- within 2 s no process the build started is left (the data checks' worker, the chart worker,
  multiprocessing's resource tracker) and the build's stdout and stderr reach end-of-file;
- after the next build's start, ``site/`` is exactly the site from before the killed build or exactly
  the one it had finished building (file-by-file hashes), and no ``.site-*`` leftover remains.

The last, complete build runs on a damaged copy of the cache (wrong shapes, FIFOs) and must not notice.

The cases run in one chain on one project: a case that needs repairing is followed by one that stops
before its own staging folder exists, whose start is "the next build" that must repair it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from site_helpers import site_digest

from generator.commands.build import run_build
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).with_name("fault_runner.py")
GRACE_SECONDS = 2.0  # how long a helper process may outlive the killed build
KPI_FILE = "metrics/mql_to_sql_rate.yml"
DESCRIPTION = "共通言語の中心となる指標。"


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes in process group ``group``, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


def digest_of(folder: Path) -> dict[str, str]:
    assert folder.is_dir(), f"{folder} is missing"
    return site_digest(folder)


class PausedBuild:
    """``kpi build`` in its own process group, stopped at ``point``."""

    def __init__(self, point: str, project: Path, site: Path) -> None:
        self.point = point
        self.marker = project.parent / f"paused-{point}"
        self.marker.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, str(RUNNER), point, str(self.marker), str(project), str(site)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # the build leads a process group of its own: its helpers are found by it
        )

    def wait_for_pause(self) -> None:
        deadline = time.monotonic() + 300
        while not self.marker.exists():
            if self.process.poll() is not None:
                _, err = self.process.communicate()
                pytest.fail(f"the build ended before {self.point}: {err.decode(errors='replace')[-2000:]}")
            assert time.monotonic() < deadline, f"the build never reached {self.point}"
            time.sleep(0.05)

    def kill_build_alone(self) -> None:
        """SIGKILL to the build process only; its helpers must then go on their own within 2 s."""
        os.kill(self.process.pid, signal.SIGKILL)
        killed = time.monotonic()
        self.process.wait()
        try:
            self.process.communicate(timeout=GRACE_SECONDS)  # end-of-file: nobody holds the pipes open
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"{self.point}: a helper still holds the build's stdout/stderr {GRACE_SECONDS} s after"
            )
        while group_members(self.process.pid) and time.monotonic() - killed < GRACE_SECONDS:
            time.sleep(0.05)
        assert group_members(self.process.pid) == [], f"{self.point}: helpers outlived the build"

    def clean_up(self) -> None:
        """Whatever happens in the test, nothing of this build survives it."""
        for pid in group_members(self.process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@contextmanager
def paused(point: str, project: Path, site: Path) -> Iterator[PausedBuild]:
    build = PausedBuild(point, project, site)
    try:
        build.wait_for_pause()
        yield build
    finally:
        build.clean_up()


@contextmanager
def cache_with_only(project: Path, kinds: tuple[str, ...]) -> Iterator[None]:
    """A cache holding only ``kinds`` of the shared one, so the stages after them run (and their workers
    start)."""
    link = project / ".cache"
    shared = link.resolve()
    link.unlink()
    own = project / ".cache"
    own.mkdir()
    for kind in kinds:
        shutil.copytree(shared / kind, own / kind)
    try:
        yield
    finally:
        shutil.rmtree(own)
        link.symlink_to(shared, target_is_directory=True)


@contextmanager
def damaged_cache(project: Path) -> Iterator[None]:
    """A copy of the shared cache with entries of the right JSON in the wrong shape, and FIFOs."""
    link = project / ".cache"
    shared = link.resolve()
    link.unlink()
    own = shutil.copytree(shared, project / ".cache")
    for entry in own.glob("pages/*.json"):
        entry.write_text('{"links": {}}', encoding="utf-8")  # was: KeyError: 'content' on every build
    for entry in own.glob("search/*.json"):
        entry.write_text("[1]", encoding="utf-8")
    for entry in [own / "fingerprints/files.json", *own.glob("assets/vega-*.js")]:
        entry.unlink()
        os.mkfifo(entry)  # was: the build waited forever for a writer
    try:
        yield
    finally:
        shutil.rmtree(own)
        link.symlink_to(shared, target_is_directory=True)


def edit_description(project: Path, text: str) -> None:
    """A new page text, so that the next build's site differs from the one it replaces."""
    kpi_file = project / KPI_FILE
    source = kpi_file.read_text(encoding="utf-8")
    start = source.index("共通言語の中心となる指標")
    end = source.index("。", start) + 1
    kpi_file.write_text(source[:start] + text + source[end:], encoding="utf-8")


def test_a_killed_build_leaves_a_whole_site_and_no_process_behind(
    make_project: Callable[[str], Path], built_site: Path
) -> None:
    # built_site: the shared cache already holds this catalogue's measurements, checks and charts.
    project = make_project("killed")
    site = project / "site"
    assert run_build(Workspace(project), site) == 0
    reference = digest_of(site)  # the reference build: every kill before the swap must leave exactly this
    umask = os.umask(0o022)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # a web server of another user can serve it
    expected = [reference]  # what site/ may be once the next build has started

    def next_build_repaired(build: PausedBuild) -> None:
        """At a stop before its own staging folder: the start of this build repaired the last kill."""
        assert leftovers(site) == [], build.point
        assert digest_of(site) in expected, build.point

    # 1. MkDocs has written the pages: the half-built .site-new-* stays, site/ is untouched.
    edit_description(project, "共通言語の中心となる指標(編集1)。")
    with paused("pages", project, site) as build:
        # the staging folder and the site source beside it: both half-built, both the next build's to clean
        assert leftovers(site) and all(name.startswith(".site-new-") for name in leftovers(site))
        build.kill_build_alone()
    assert digest_of(site) == reference
    assert 1 <= len(leftovers(site)) <= 2  # the staging folder (and the site source); removed below

    # 2. Validating the catalogue (no helper yet): the next build of case 1.
    with paused("loading", project, site) as build:
        next_build_repaired(build)
        build.kill_build_alone()
    assert digest_of(site) == reference

    # 3. The journal is written, nothing renamed: the next build publishes the finished new site.
    with paused("journal", project, site) as build:
        (staging,) = (site.parent / name for name in leftovers(site) if name.startswith(".site-new-"))
        finished = digest_of(staging)
        assert finished != reference
        build.kill_build_alone()
    expected = [finished]

    # 4. Measuring, with the data checks' worker and the chart worker started: both die with the build.
    with cache_with_only(project, ()), paused("measuring", project, site) as build:
        next_build_repaired(build)
        assert len(group_members(build.process.pid)) >= 3  # the build, its workers, the resource tracker
        build.kill_build_alone()
    assert digest_of(site) == finished

    # 5. Between the two renames: no site/ at all until the next build puts the new one in place.
    edit_description(project, "共通言語の中心となる指標(編集2)。")
    with paused("aside", project, site) as build:
        (staging,) = (site.parent / name for name in leftovers(site) if name.startswith(".site-new-"))
        before, finished = finished, digest_of(staging)
        assert finished != before
        build.kill_build_alone()
    assert not site.exists()
    expected = [before, finished]

    # 6. Waiting for the data checks (the GX worker checks the tables, the chart worker draws).
    with cache_with_only(project, ("measurements",)), paused("checks", project, site) as build:
        next_build_repaired(build)
        assert digest_of(site) == finished  # rolled forward: the journal said the new site was complete
        assert len(group_members(build.process.pid)) >= 3
        build.kill_build_alone()

    # 7. Both renames done, the old site and the journal not yet removed.
    edit_description(project, DESCRIPTION)
    with paused("swapped", project, site) as build:
        build.kill_build_alone()
    swapped = digest_of(site)
    assert swapped != finished
    assert leftovers(site) != []

    # The next build, to the end and on a damaged cache: it cleans up, and publishes a site like the
    # one it replaces (damaged entries are misses, FIFOs are not waited on).
    with damaged_cache(project):
        assert run_build(Workspace(project), site) == 0
    assert leftovers(site) == []
    assert digest_of(site) == swapped
    assert all(not name.startswith(".site") for name in os.listdir(project))
