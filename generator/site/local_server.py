"""A built site served over HTTP on this machine, as ``python -m http.server`` serves it.

``kpi serve`` runs it beside its watcher; the page-weight bench, the screenshots and the tests use it to
open the site in a browser. Requests are not logged: the console is for build messages.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Not logged (see the module docstring)."""


@contextmanager
def served_site(site: Path, port: int = 0, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (``port`` 0: any free one) and yield its base URL.

    Files are read per request, so a site swapped in meanwhile is served from the next request on.
    Raises ``OSError`` when the port cannot be bound.
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
