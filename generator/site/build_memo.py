"""What MkDocs would recompute for every page on every build, remembered between builds.

A rebuild after editing one KPI changes a handful of pages, yet MkDocs converts all ~60 pages from
Markdown again (~1.3 s), Material's search parses all their HTML again (~0.8 s) and Jinja compiles
the theme's templates again (~0.4 s). Each result is kept under a key made of everything it reads:

- a page's HTML, table of contents and anchors: its Markdown, its path, every page path (relative
  links resolve against them), the Markdown configuration and the versions of the code involved;
- a page's search entries: its HTML, URL, title, table of contents and meta;
- compiled templates: Jinja's own bytecode cache (keyed by template source and Python version).

A page whose conversion logged a warning is not remembered: under ``strict`` the warning must fail
the next build too. A damaged entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .cache import StageCache
from .fingerprints import code_version, digest
from .regular_files import read_bytes
from .safe_html import page_memo_problem, search_entries_problem

PAGES = "pages"
SEARCH = "search"
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def use_bytecode_cache(env: Environment, folder: Path) -> None:
    """Compiled templates survive the process (Jinja checks each against its source)."""
    key = signing_key()
    if key is None:
        return  # no private key to sign with: compile the templates every time instead
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = SignedBytecodeCache(str(folder), key)


def signing_key() -> bytes | None:
    """This user's key for signing compiled templates, kept outside every cache (created on first use).

    A compiled template is Python code that Jinja unmarshals and runs: a cache folder shared with
    others (a CI cache) must never be able to make a build run code, so an entry counts only with a
    valid signature under a key that only this user can read and that no cache ever holds.
    """
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    path = Path(base) / "kpi-as-code" / "template-cache.key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(descriptor, "wb") as new_key:
                new_key.write(secrets.token_bytes(32))
        key = read_bytes(path)
    except OSError:
        return None
    return key if key is not None and len(key) == 32 else None


class SignedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache with every entry signed (HMAC-SHA256); an entry that is not a regular file
    (a FIFO would block ``open``), is unsigned, forged or damaged is a miss."""

    def __init__(self, directory: str, key: bytes) -> None:
        super().__init__(directory)
        self.key = key

    def load_bytecode(self, bucket: Bucket) -> None:
        data = read_bytes(Path(self._get_cache_filename(bucket)))
        if data is None or len(data) < _TAG_BYTES:
            return
        tag, body = data[:_TAG_BYTES], data[_TAG_BYTES:]
        if not hmac.compare_digest(tag, hmac.new(self.key, body, hashlib.sha256).digest()):
            return
        try:
            bucket.load_bytecode(io.BytesIO(body))
        except Exception:  # any damage is a miss: the template is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        body = buffer.getvalue()
        target = Path(self._get_cache_filename(bucket))
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(hmac.new(self.key, body, hashlib.sha256).digest() + body)
            os.replace(temporary, target)
        except OSError:
            temporary.unlink(missing_ok=True)


_TAG_BYTES = 32


class PageMemo:
    """Remembers Markdown conversions and search entries for one build's pages."""

    def __init__(self, cache: StageCache, config: MkDocsConfig, files: Files) -> None:
        self.cache = cache
        self.salt = digest(
            list(config.markdown_extensions),
            dict(config.mdx_configs),
            config.use_directory_urls,
            sorted(f.src_uri for f in files.documentation_pages()),
            [version(name) for name in _PACKAGES],
            code_version("site"),
        )
        self.reused = 0
        self.used: set[tuple[str, str]] = set()

    def _read(self, kind: str, key: str) -> Any:
        self.used.add((kind, f"{key}.json"))
        return self.cache.read_json(kind, f"{key}.json")

    def wrap_render(self, page: Page, files: Files) -> None:
        """Make ``page.render`` reuse a remembered conversion of the same Markdown."""
        convert = page.render

        def render(config: MkDocsConfig, files: Files = files) -> None:
            key = digest(self.salt, page.file.src_uri, page.markdown)
            remembered = self._read(PAGES, key)
            # Read back from .cache, a page is data until proven the conversion's HTML (see safe_html),
            # and of the shape the conversion writes (see _restore).
            if (
                isinstance(remembered, dict)
                and page_memo_problem(remembered) is None
                and _restore(page, remembered, files)
            ):
                self.reused += 1
                return
            with _warnings_logged() as warnings:
                convert(config, files)
            if not warnings:
                self.cache.write_text(PAGES, f"{key}.json", json.dumps(_remember(page), ensure_ascii=False))

        page.render = render  # type: ignore[method-assign]

    def wrap_search(self, index: Any) -> None:
        """Make Material's ``SearchIndex.add_entry_from_context`` reuse a page's remembered entries."""
        add_entry: Callable[[Page], None] = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            key = digest(self.salt, page.content, page.url, page.title, _toc(page.toc), page.meta)
            remembered = self._read(SEARCH, key)
            if _search_entries(remembered) and search_entries_problem(remembered) is None:
                index.entries.extend(remembered)
                return
            before = len(index.entries)
            add_entry(page)
            self.cache.write_text(
                SEARCH, f"{key}.json", json.dumps(index.entries[before:], ensure_ascii=False)
            )

        index.add_entry_from_context = add_entry_from_context

    def prune(self) -> None:
        """Forget entries this build did not use (pages that changed or went away)."""
        for kind in (PAGES, SEARCH):
            folder = self.cache.root / kind
            for path in folder.glob("*.json") if folder.is_dir() else ():
                if (kind, path.name) not in self.used:
                    path.unlink(missing_ok=True)


def _remember(page: Page) -> dict[str, Any]:
    links = sorted((page.links_to_anchors or {}).items(), key=_by_uri)
    return {
        "content": page.content,
        "toc": _toc(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {target.src_uri: anchors for target, anchors in links},
    }


def _restore(page: Page, remembered: Any, files: Files) -> bool:
    """Put a remembered conversion on ``page``; ``False`` (page untouched) if it is not one we wrote."""
    try:
        links = {}
        for src_uri, anchors in remembered["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None or not _strings(anchors):
                return False
            links[target] = anchors
        content, title, anchor_ids = remembered["content"], remembered["title"], remembered["anchors"]
        toc = TableOfContents([_anchor(item) for item in remembered["toc"]])
    except (KeyError, TypeError, AttributeError, ValueError, RecursionError):
        return False  # the right JSON in the wrong shape: a miss, converted again
    if (
        not isinstance(content, str)
        or not (title is None or isinstance(title, str))
        or not _strings(anchor_ids)
    ):
        return False
    page.content = content
    page.toc = toc
    page._title_from_render = title
    page.present_anchor_ids = set(anchor_ids)
    page.links_to_anchors = links
    return True


def _strings(value: Any) -> bool:
    """A list of strings, or a dict of strings to strings."""
    items = [*value, *value.values()] if isinstance(value, dict) else value
    return isinstance(items, list) and all(isinstance(item, str) for item in items)


def _search_entries(value: Any) -> bool:
    """Material's entries: objects with a location, a title and a text."""
    return isinstance(value, list) and all(
        isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("location", "title", "text"))
        for entry in value
    )


def _by_uri(item: tuple[Any, Any]) -> str:
    return str(item[0].src_uri)


def _toc(items: Any) -> list[dict[str, Any]]:
    return [
        {"title": a.title, "id": a.id, "level": a.level, "children": _toc(a.children)} for a in items or ()
    ]


def _anchor(item: dict[str, Any]) -> AnchorLink:
    title, anchor_id, level = item["title"], item["id"], item["level"]
    if not (isinstance(title, str) and isinstance(anchor_id, str) and type(level) is int):
        raise TypeError("not a remembered table of contents")
    link = AnchorLink(title, anchor_id, level)
    link.children = [_anchor(child) for child in item["children"]]
    return link


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _warnings_logged() -> Iterator[list[logging.LogRecord]]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


class _NoOptions(Config):  # type: ignore[no-untyped-call]
    """The memo plugin takes no options (MkDocs needs a Config subclass all the same)."""


class PageMemoPlugin(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]
    """Registered by the MkDocs adapter (never named in mkdocs.yml): remembers pages between builds."""

    def __init__(self, cache: StageCache) -> None:
        super().__init__()
        self.cache = cache
        self.memo: PageMemo | None = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.memo = PageMemo(self.cache, config, files)
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "add_entry_from_context"):
                self.memo.wrap_search(index)  # Material's search
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        use_bytecode_cache(env, self.cache.root / "jinja")
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.memo is not None:
            self.memo.wrap_render(page, files)
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.memo is not None:
            self.memo.prune()
