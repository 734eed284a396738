"""``kpi build``: the site, built into a temporary folder and swapped in only on success.

A failed build (bad definitions, bad data, a broken link under ``--strict``) prints what is wrong and
leaves the last good ``site/`` exactly as it was.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..pipeline import Workspace, build_site
from ..site.errors import BuildFailure

EXIT_OK, EXIT_FAILED = 0, 1


def run_build(workspace: Workspace, site_dir: Path) -> int:
    """Validate, measure, check and render; replace ``site_dir`` only when every step succeeded."""
    lang = workspace.lang
    with console_logging():
        started = time.monotonic()
        try:
            built = build_site(workspace, site_dir.resolve())
        except BuildFailure as failure:
            _say("\n".join(failure.lines))
            _say(
                _text(
                    lang, "ビルドを中止しました(サイトは前回のまま)", "build stopped (the site is unchanged)"
                )
            )
            return EXIT_FAILED
        except Exception as error:  # the last line of defence: a message, never a traceback
            what = f"{type(error).__name__}: {error}"
            _say(
                _text(
                    lang,
                    f"kpi build が内部エラーで止まりました({what})— サイトは前回のままです。"
                    "この出力を添えて開発者に報告してください",
                    f"kpi build stopped on an internal error ({what}) — the site is unchanged;"
                    " please report it with this output",
                )
            )
            return EXIT_FAILED
        seconds = time.monotonic() - started
        _say(
            _text(
                lang,
                f"サイトを {built} に作成しました({seconds:.1f} 秒)",
                f"site built in {built} ({seconds:.1f} s)",
            )
        )
        return EXIT_OK


@contextmanager
def console_logging(mkdocs_level: int = logging.WARNING) -> Iterator[None]:
    """MkDocs messages and our stage notes on stderr (no timestamps: the output is stable)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    levels = {"mkdocs": mkdocs_level, "generator.site": logging.INFO}
    saved = {name: logging.getLogger(name).level for name in levels}
    for name, level in levels.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for name, level in saved.items():
            logger = logging.getLogger(name)
            logger.removeHandler(handler)
            logger.setLevel(level)


def _text(lang: str, ja: str, en: str) -> str:
    return ja if lang == "ja" else en


def _say(text: str) -> None:
    print(text, file=sys.stderr)  # noqa: T201 - the command's own output
