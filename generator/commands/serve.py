"""``kpi serve``: the built site over HTTP on this machine, rebuilt whenever an input changes.

The same ``build_site`` as ``kpi build`` (either site engine) writes a private site folder; a plain
HTTP server reads it per request, so a rebuild's atomic swap is picked up at the next page load. A
watcher polls the definitions, the data, ``site_src/`` and the configs; a failed rebuild prints why
and the last good site stays served.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..pipeline import Workspace, build_site
from ..site.errors import BuildFailure
from ..site.local_server import served_site
from .build import console_logging

EXIT_OK, EXIT_FAILED = 0, 1
WATCHED = ("metrics", "definitions", "site_src", "mkdocs.yml", "kpi.yml")
POLL_SECONDS = 1.0
log = logging.getLogger("generator.site")

Snapshot = frozenset[tuple[str, int, int]]


def run_serve(workspace: Workspace, port: int) -> int:
    """Build, serve on 127.0.0.1:``port`` and rebuild on every change until interrupted."""
    site_dir = workspace.project_dir / ".cache" / "serve-site"
    # Built for the address it is served at, so instant navigation works here as deployed.
    workspace = dataclasses.replace(workspace, site_url=f"http://127.0.0.1:{port}/")
    with console_logging(logging.WARNING):
        first = _rebuild(workspace, site_dir)
    if not first and not site_dir.is_dir():
        return EXIT_FAILED
    with contextlib.ExitStack() as serving:
        try:
            url = serving.enter_context(served_site(site_dir, port))
        except OSError as error:
            _say(
                f"127.0.0.1:{port} で待ち受けできません / cannot listen on 127.0.0.1:{port}: {error.strerror}"
            )
            return EXIT_FAILED
        _say(f"{url} で公開中(Ctrl+C で終了) / serving on {url}")
        try:
            with console_logging(logging.WARNING):
                _watch(workspace, site_dir)
        except KeyboardInterrupt:
            pass
    return EXIT_OK


def _watch(workspace: Workspace, site_dir: Path) -> None:
    seen = snapshot(_watched_paths(workspace))
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(_watched_paths(workspace))
        if now != seen:
            seen = now
            _say("変更を検出しました — 再ビルドします / change detected — rebuilding")
            _rebuild(workspace, site_dir)


def _rebuild(workspace: Workspace, site_dir: Path) -> bool:
    try:
        build_site(workspace, site_dir)
    except BuildFailure as failure:
        _say("\n".join(failure.lines))
        _say("ビルドに失敗しました(前回のサイトを表示中) / build failed (serving the last good site)")
        return False
    _say("サイトを更新しました / site updated")
    return True


def _watched_paths(workspace: Workspace) -> Iterator[Path]:
    for name in WATCHED:
        yield workspace.project_dir / name
    yield workspace.data_dir or workspace.project_dir / "data"


def snapshot(roots: Iterator[Path]) -> Snapshot:
    """Every regular file under ``roots`` with its modification time and size (what a change moves)."""
    entries: set[tuple[str, int, int]] = set()
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in candidates:
            try:
                status = path.stat()
            except OSError:
                continue
            if path.is_file():
                entries.add((str(path), status.st_mtime_ns, status.st_size))
    return frozenset(entries)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201 - the command's own output
