"""The MkDocs plugin ``kpi``: measured definitions become pages, generated in memory at build time.

``mkdocs build``, ``kpi build`` and ``kpi serve`` all go through here, so they show the same site.
Nothing generated is written into ``site_src/``; pages exist only as MkDocs ``File`` objects.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..render.chart_slots import CHART_MARKER, fill_charts
from ..render.environment import environment
from ..render.inputs import SiteInputs
from ..render.links import SUMMARY_JSON
from ..render.site_pages import RenderedSite, render_site
from .assets import VEGA_BUNDLE_PATH, machine_cache, vega_bundle
from .build_memo import PageMemo, use_bytecode_cache
from .cache import ChartStore
from .stages import BuildFailure, BuildSettings, prepare_inputs, stage

log = logging.getLogger("mkdocs.plugins.kpi")
GLOSSARY_EXTENSION = "generator.site.glossary_abbr"
WATCHED_FOLDERS = ("metrics", "definitions")


class KpiPluginConfig(Config):  # type: ignore[no-untyped-call]
    project_dir = c.Optional(c.Type(str))
    data_dir = c.Optional(c.Type(str))
    cache_dir = c.Optional(c.Type(str))
    k_anonymity = c.Type(int, default=5)
    lang = c.Choice(("ja", "en"), default="ja")


class KpiPlugin(BasePlugin[KpiPluginConfig]):  # type: ignore[no-untyped-call]
    """Generates every page from the catalogue and the measurements (see ``generator.render``)."""

    def __init__(self) -> None:
        self.prepared: SiteInputs | None = None  # set by ``kpi build`` after its own checks
        self.previous_site: Path | None = None  # set by ``kpi build``: the site being replaced
        self.rendered: RenderedSite | None = None
        self.as_of: dt.date | None = None
        self.charts: ChartStore | None = None
        self.memo: PageMemo | None = None
        self.charted_pages: list[Path] = []  # written with chart markers, filled after the build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps one plugin instance across ``serve`` rebuilds."""

    def settings(self, config: MkDocsConfig) -> BuildSettings:
        base = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        project = base / self.config.project_dir if self.config.project_dir else base
        return BuildSettings(
            project_dir=project,
            data_dir=project / self.config.data_dir if self.config.data_dir else None,
            cache_dir=project / self.config.cache_dir if self.config.cache_dir else None,
            previous_site=self.previous_site or Path(config.site_dir),
            k_anonymity=self.config.k_anonymity,
            lang=self.config.lang,
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        inputs = self.prepared
        if inputs is None:
            try:
                inputs = prepare_inputs(self.settings(config))
            except BuildFailure as failure:
                raise PluginError("\n".join(failure.lines)) from None
        self.prepared = None  # the next serve rebuild measures again (from the cache when unchanged)
        self.as_of = inputs.measurements.as_of
        use_bytecode_cache(environment(), machine_cache().root / "jinja")
        with stage("ページ生成"):
            self.rendered = render_site(inputs, _hand_written_pages(Path(config.docs_dir)))
        if isinstance(inputs.chart_cache, ChartStore):
            self.charts = inputs.chart_cache
        self.charted_pages = []
        if not config.nav:
            config.nav = self.rendered.nav
        _configure_glossary(config, inputs)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        rendered = self.rendered
        if rendered is None:
            return files
        generated: dict[str, str | bytes] = dict(rendered.pages)
        generated[SUMMARY_JSON] = rendered.summary_json
        generated[VEGA_BUNDLE_PATH] = vega_bundle(self.settings(config).cache, self.charts)
        for path, content in generated.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                log.warning("%s は自動生成されるページです — site_src/ から削除してください", path)
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        self.memo = PageMemo(self.settings(config).cache, config, files)
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "add_entry_from_context"):
                self.memo.wrap_search(index)  # Material's search (see build_memo)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        use_bytecode_cache(env, machine_cache().root / "jinja")
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The sitemap's dates (and its gzip header) come from pages: the data's as-of date keeps
        # the site byte-identical from one build of the same inputs to the next.
        if self.as_of is not None:
            page.update_date = self.as_of.isoformat()
        # A generated page's title is a definition's name, already HTML-escaped (see nav_title).
        # Material prints ``page.title | striptags`` into <title>, and striptags *unescapes*;
        # a meta title is printed as it is, so the name stays escaped there too.
        if page.file.generated_by is not None and page.title:
            page.meta["title"] = page.title
        if self.memo is not None:
            self.memo.wrap_render(page, files)
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if CHART_MARKER.search(output):
            self.charted_pages.append(Path(page.file.abs_dest_path))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Put each chart's HTML (spec + static SVG) where its page left a marker."""
        if self.charts is not None:
            with stage("グラフ(SVG)の描画待ち"):
                self.charts.finish()
            for path in self.charted_pages:  # as bytes: no newline translation either way
                filled = fill_charts(path.read_bytes().decode("utf-8"), self.charts)
                path.write_bytes(filled.encode("utf-8"))
            self.charts.prune()
        if self.memo is not None:
            log.debug("Markdown: %d pages reused", self.memo.reused)
            self.memo.prune()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        settings = self.settings(config)
        folders = [settings.project_dir / name for name in WATCHED_FOLDERS]
        folders.append(settings.data_dir or settings.project_dir / "data")
        for folder in folders:
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _hand_written_pages(docs_dir: Path) -> tuple[str, ...]:
    """Markdown pages kept by hand in ``site_src/`` (top level), listed in the navigation's reference part."""
    if not docs_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in docs_dir.glob("*.md") if p.name != "index.md"))


def _configure_glossary(config: MkDocsConfig, inputs: SiteInputs) -> None:
    """Hand the glossary to the CJK-aware tooltip extension when ``mkdocs.yml`` enables it."""
    if GLOSSARY_EXTENSION not in config.markdown_extensions:
        return
    from .glossary_abbr import glossary_titles

    options = config.mdx_configs.setdefault(GLOSSARY_EXTENSION, {})
    options["glossary"] = glossary_titles(inputs.project.terms())
