"""``kpi serve``: the site over HTTP, rebuilt when a definition changes (live reload)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

KPI_COMMAND = str(Path(sys.executable).parent / "kpi")
WAIT_SECONDS = 240


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, expected: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "kpi serve exited"
        page = fetch(url)
        if page is not None and expected in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {expected!r}")


def test_serve_rebuilds_when_a_definition_changes(make_project: Callable[[str], Path]) -> None:
    project = make_project("serve")
    port = free_port()
    server = subprocess.Popen(
        [KPI_COMMAND, "serve", "--project", str(project), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/kpis/mql_to_sql_rate/"
        wait_for(url, "MQL→SQL転換率", server)
        kpi_file = project / "metrics/mql_to_sql_rate.yml"
        text = kpi_file.read_text(encoding="utf-8")
        kpi_file.write_text(text.replace("共通言語の中心", "ライブリロード確認用の中心"), encoding="utf-8")
        wait_for(url, "ライブリロード確認用の中心", server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its chart workers, nothing else
        server.wait(timeout=30)
