"""The MkDocs + Material adapter: builds a written site source into HTML, in this process.

Besides MkDocs' documented API it does one thing of its own: a page cache (``build_memo``) that
remembers Markdown conversions and search entries between builds, so a one-KPI edit rebuilds in
seconds. It lives here, in the adapter, and nowhere else depends on MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .cache import StageCache
from .errors import BuildFailure
from .source import SiteSource

# The only slugify a config may name (as data): resolving any other dotted name would import code.
_SLUGIFIERS = {"pymdownx.slugs.slugify"}


def build_with_mkdocs(
    source: SiteSource, out: Path, cache: StageCache, as_of: dt.date, lang: str
) -> Mapping[str, Any]:
    """``mkdocs build --strict`` of ``source`` into ``out``; returns the config it built with."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .build_memo import PageMemoPlugin

    try:
        with source_date(as_of):
            config = load_config(str(source.config_file), site_dir=str(out), strict=True)
            _resolve_slugify(config.mdx_configs)
            config.plugins["kpi-page-memo"] = PageMemoPlugin(cache)
            build(config)
    except MkDocsException as error:
        raise BuildFailure(
            [f"MkDocs のビルドに失敗しました: {error}" if lang == "ja" else f"MkDocs build failed: {error}"]
        ) from None
    return source.config


def _resolve_slugify(mdx_configs: dict[str, Any]) -> None:
    for options in mdx_configs.values():
        slugify = options.get("slugify") if isinstance(options, dict) else None
        if not isinstance(slugify, dict):
            continue
        name = slugify.get("object", "pymdownx.slugs.slugify")
        if name not in _SLUGIFIERS:
            raise BuildFailure(
                [f"mkdocs.yml: slugify {name!r} は使えません — pymdownx.slugs.slugify を指定してください"]
            )
        from pymdownx.slugs import slugify as make_slugify

        options["slugify"] = make_slugify(**dict(slugify.get("kwds") or {}))


@contextmanager
def source_date(as_of: dt.date) -> Iterator[None]:
    """Any date a builder or a theme prints is the data's as-of date, never the clock's."""
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
