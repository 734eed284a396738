"""``kpi build`` and ``kpi serve``: the site, built into a temporary folder and swapped in only on success.

A failed build (bad definitions, bad data, a broken link under ``--strict``) prints what is wrong and
leaves the last good ``site/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..render.inputs import SiteInputs
from ..site import publish
from ..site.stages import BuildFailure, BuildSettings, prepare_inputs, stage

EXIT_OK, EXIT_FAILED = 0, 1
CONFIG_FILE = "mkdocs.yml"


def run_build(project_dir: Path, site_dir: Path, lang: str) -> int:
    """Validate, measure, check and render; replace ``site_dir`` only when every step succeeded."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _console_logging():
        started = time.monotonic()
        try:
            built = build_site(project_dir.resolve(), site_dir.resolve(), lang)
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


def build_site(project_dir: Path, site_dir: Path, lang: str) -> Path:
    """Build into ``.site-*`` next to ``site_dir``, then swap it in; raises BuildFailure otherwise."""
    config_file = project_dir / CONFIG_FILE
    if not config_file.is_file():
        raise BuildFailure(
            [
                _text(
                    lang,
                    f"{config_file}: ありません — プロジェクトのフォルダを --project で指定してください",
                    f"{config_file}: not found — pass the project folder with --project",
                )
            ]
        )
    settings = BuildSettings(project_dir=project_dir, previous_site=site_dir, lang=lang)
    with publish.exclusive(site_dir):  # first repairs what a killed build left (see publish)
        inputs = prepare_inputs(settings)
        with publish.staged(site_dir) as staging:  # swapped in only when the block succeeds
            _mkdocs_build(config_file, staging, inputs, site_dir, inputs.measurements.as_of, lang)
    return site_dir


def _mkdocs_build(
    config_file: Path, staging: Path, inputs: SiteInputs, previous: Path, as_of: dt.date, lang: str
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..site.plugin import KpiPlugin

    try:
        with _source_date(as_of):
            config = load_config(str(config_file), site_dir=str(staging), strict=True)
            plugin = config.plugins.get("kpi")
            if isinstance(plugin, KpiPlugin):
                plugin.prepared = inputs
                plugin.previous_site = previous
            with stage("MkDocs(ページ生成を含む)"):
                build(config)
    except MkDocsException as error:
        raise BuildFailure(
            [_text(lang, f"MkDocs のビルドに失敗しました: {error}", f"MkDocs build failed: {error}")]
        ) from None


def run_serve(project_dir: Path, port: int) -> int:
    """``mkdocs serve`` with the plugin; it also watches metrics/, definitions/ and data/."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    config_file = project_dir.resolve() / CONFIG_FILE
    if not config_file.is_file():
        _say(f"{config_file}: ありません — プロジェクトのフォルダを --project で指定してください")
        return EXIT_FAILED
    with _console_logging(logging.INFO):
        try:
            serve(config_file=str(config_file), dev_addr=f"127.0.0.1:{port}", livereload=True)
        except MkDocsException as error:
            _say(str(error))
            return EXIT_FAILED
    return EXIT_OK


@contextmanager
def _source_date(as_of: dt.date) -> Iterator[None]:
    """Any date MkDocs or a theme prints is the data's as-of date, never the clock's."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _console_logging(mkdocs_level: int = logging.WARNING) -> Iterator[None]:
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
