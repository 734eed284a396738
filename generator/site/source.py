"""The render stage's output on disk: a self-contained site source any MkDocs-compatible builder reads.

``write_site_source`` lays out ``<folder>/docs`` (the hand-written pages and assets of ``site_src/``,
every generated page with an escaped ``title:`` front matter, the build summary and the Vega bundle)
and ``<folder>/mkdocs.yml`` (the project's ``mkdocs.yml``, read with the safe loader, plus the
generated navigation and glossary). MkDocs and Zensical build the same folder; neither needs a plugin.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..loading.safe_yaml import YamlProblem, parse_yaml
from ..model.glossary import Term
from ..render.links import SUMMARY_JSON
from ..render.site_pages import NavItem, RenderedSite
from .errors import BuildFailure

PROJECT_CONFIG = "mkdocs.yml"
GLOSSARY_EXTENSION = "generator.site.glossary_abbr"
THEME_OVERRIDES = "overrides"
_OWN_PLUGINS = ("kpi",)  # the pre-1.0 plugin name: no longer needed, dropped from old configs


@dataclass(frozen=True)
class SiteSource:
    """A written site source: its config, its docs folder and the pages that carry chart markers."""

    folder: Path
    config_file: Path
    docs_dir: Path
    config: Mapping[str, Any]
    # KPI page location → its other names, for the search index (site/search_catalogue.py).
    search_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def read_project_config(project_dir: Path, lang: str) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` as plain data — tags, aliases and duplicate keys refused."""
    path = project_dir / PROJECT_CONFIG
    if not path.is_file():
        raise BuildFailure(
            [
                f"{path}: ありません — プロジェクトのフォルダを --project で指定してください"
                if lang == "ja"
                else f"{path}: not found — pass the project folder with --project"
            ]
        )
    try:
        document = parse_yaml(path.read_bytes())
    except YamlProblem as problem:
        text = problem.message_ja if lang == "ja" else problem.message_en
        raise BuildFailure(
            [f"{PROJECT_CONFIG}:{problem.position.line}:{problem.position.col}: {text}"]
        ) from None
    if not isinstance(document.data, dict):
        raise BuildFailure(
            [
                f"{PROJECT_CONFIG}:1:1: 一番上はマッピング(キー: 値)でなければなりません"
                if lang == "ja"
                else f"{PROJECT_CONFIG}:1:1: the top level must be a mapping (key: value)"
            ]
        )
    return document.data


def write_site_source(
    rendered: RenderedSite,
    project_dir: Path,
    project_config: Mapping[str, Any],
    terms: tuple[Term, ...],
    generated_assets: Mapping[str, str],
    folder: Path,
) -> SiteSource:
    """Write every page and the builder's config into ``folder`` (which must not exist yet)."""
    docs = folder / "docs"
    hand_written = Path(project_dir / str(project_config.get("docs_dir", "docs")))
    _copy_hand_written(hand_written, docs)
    titles = nav_titles(rendered.nav)
    for path, markdown in rendered.pages.items():
        _write(docs / path, _with_front_matter(markdown, titles.get(path)))
    _write(docs / SUMMARY_JSON, rendered.summary_json)
    for path, text in rendered.files.items():
        _write(docs / path, text)
    for path, text in generated_assets.items():
        _write(docs / path, text)
    config = site_config(project_config, rendered, terms)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):  # the theme overrides travel with the source: the folder is self-contained
        _copy_hand_written(project_dir / str(theme["custom_dir"]), folder / THEME_OVERRIDES)
        config["theme"] = {**theme, "custom_dir": THEME_OVERRIDES}
    config_file = folder / PROJECT_CONFIG
    config_file.write_text(config_yaml(config), encoding="utf-8")
    return SiteSource(folder=folder, config_file=config_file, docs_dir=docs, config=config)


def site_config(
    project_config: Mapping[str, Any], rendered: RenderedSite, terms: tuple[Term, ...]
) -> dict[str, Any]:
    """The project's config with the generated parts: docs folder, navigation, glossary, slugs."""
    from .glossary_abbr import glossary_titles

    config = dict(project_config)
    if "INHERIT" in config:  # the builder would read a second file with its own, unsafe YAML loader
        raise BuildFailure(
            [
                f"{PROJECT_CONFIG}: INHERIT は使えません — 設定を mkdocs.yml 一つにまとめてください"
                f" / INHERIT is not supported — keep the whole config in mkdocs.yml"
            ]
        )
    config["docs_dir"] = "docs"
    config.pop("site_dir", None)  # each builder is given its output folder
    if not config.get("nav"):
        config["nav"] = rendered.nav
    plugins = config.get("plugins") or []
    config["plugins"] = [p for p in plugins if not (isinstance(p, str) and p in _OWN_PLUGINS)]
    extensions: list[Any] = []
    for entry in config.get("markdown_extensions") or []:
        name, options = _extension(entry)
        if name == GLOSSARY_EXTENSION:
            options = {**options, "glossary": glossary_titles(terms)}
        extensions.append({name: options} if options else name)
    config["markdown_extensions"] = extensions
    return config


def config_yaml(config: Mapping[str, Any]) -> str:
    """The generated config as plain YAML: no tags (a slugify is written ``{object: …, kwds: …}``)."""
    return yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False, width=1_000_000)


def nav_titles(nav: list[NavItem]) -> dict[str, str]:
    """Page path → its (escaped) navigation title, for every page the navigation names with a title."""
    titles: dict[str, str] = {}
    for item in nav:
        if not isinstance(item, dict):
            continue
        for title, target in item.items():
            if isinstance(target, str):
                titles[target] = title
            elif isinstance(target, list):
                titles.update(nav_titles(target))
    return titles


def _extension(entry: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(entry, dict) and len(entry) == 1:
        name, options = next(iter(entry.items()))
        return str(name), dict(options or {})
    return str(entry), {}


def _with_front_matter(markdown: str, title: str | None) -> str:
    if title is None:
        return markdown
    # JSON is YAML: the title (already HTML-escaped, see nav_title) stays one safe quoted scalar.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{markdown}"


def missing_assets(config: Mapping[str, Any], built: Path) -> list[str]:
    """``extra_javascript`` / ``extra_css`` files the config names but the built site lacks.

    Neither builder's strict mode notices one (Zensical's does not, MkDocs' only for some forms),
    and a missing script silently breaks search or the charts.
    """
    missing = []
    for key in ("extra_javascript", "extra_css"):
        for entry in config.get(key) or []:
            path = str(entry.get("path", "") if isinstance(entry, dict) else entry)
            if "://" in path or path.startswith("//"):
                missing.append(f"{key}: {path}(外部 URL は使えません / no outside URLs: the site is offline)")
            elif not (built / path).is_file():
                missing.append(f"{key}: {path}")
    return missing


def hand_written_pages(docs_dir: Path) -> tuple[str, ...]:
    """Markdown pages kept by hand in ``site_src/`` (top level), listed in the navigation's reference part."""
    if not docs_dir.is_dir():
        return ()
    return tuple(sorted(p.name for p in docs_dir.glob("*.md") if p.name != "index.md" and p.is_file()))


def _copy_hand_written(source: Path, docs: Path) -> None:
    """``site_src/`` (or the theme overrides) as it is, regular files only: a link never pulls an outside
    file into the site."""
    docs.mkdir(parents=True)
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        target = docs / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
