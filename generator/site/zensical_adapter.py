"""The Zensical adapter: builds the same written site source with Zensical, Material's successor.

Zensical reads ``mkdocs.yml`` and runs our Markdown extensions, but it ignores MkDocs plugins and
``hooks:`` (so every page must already exist as a file: the render stage sees to that), it lacks
Material's ``tinyseg.js`` (it segments Japanese with ``Intl.Segmenter`` itself), and it still writes
the site when strict mode fails. This adapter adjusts the config for those differences; the pipeline
checks what neither builder's strict mode does (``missing_assets``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import BuildFailure
from .mkdocs_adapter import source_date
from .source import SiteSource, config_yaml

CONFIG_FILE = "zensical.yml"
OUTPUT_DIR = "site"
_MATERIAL_ONLY_SCRIPTS = ("assets/javascripts/lunr/tinyseg.js",)
_TIMEOUT_SECONDS = 600


def zensical_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The MkDocs config as Zensical should read it."""
    adjusted = dict(config)
    theme = dict(adjusted.get("theme") or {})
    theme["variant"] = "classic"  # Material's look; "modern" is Zensical's own
    adjusted["theme"] = theme
    scripts = [s for s in adjusted.get("extra_javascript") or [] if s not in _MATERIAL_ONLY_SCRIPTS]
    adjusted["extra_javascript"] = scripts
    adjusted["site_dir"] = OUTPUT_DIR  # Zensical wants it inside the project folder
    adjusted.pop("hooks", None)
    return adjusted


def build_with_zensical(source: SiteSource, out: Path, as_of: dt.date, lang: str) -> Mapping[str, Any]:
    """``zensical build --strict`` of ``source`` into ``out``; returns the config it built with."""
    config = zensical_config(source.config)
    config_file = source.folder / CONFIG_FILE
    config_file.write_text(config_yaml(config), encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file)]
    with source_date(as_of):
        try:
            finished = subprocess.run(
                command,
                cwd=source.folder,
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_SECONDS,
                env={**os.environ, "NO_COLOR": "1"},
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise BuildFailure([_failed(lang, f"{type(error).__name__}: {error}")]) from None
    if finished.returncode != 0:  # it may have written a site anyway: the caller discards it
        raise BuildFailure([_failed(lang, _tail(finished.stdout + finished.stderr))])
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()  # the (empty) staging folder it is given: Zensical's output takes its place
    (source.folder / OUTPUT_DIR).rename(out)
    return config


def _failed(lang: str, detail: str) -> str:
    if lang == "ja":
        return f"Zensical のビルドに失敗しました: {detail}"
    return f"Zensical build failed: {detail}"


def _tail(output: str, lines: int = 20) -> str:
    printable = "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in output)
    return "\n".join(printable.strip().splitlines()[-lines:])
