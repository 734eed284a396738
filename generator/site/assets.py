"""Scripts the site serves itself (no CDN): the vega bundle, cached on disk because making it takes ~2 s.

The bundle depends only on the installed vl-convert and Altair, not on a project, so besides the
project's ``.cache`` it is kept once per user (``$XDG_CACHE_HOME/kpi-as-code``, or ``KPI_MACHINE_CACHE``):
a fresh clone's first build does not pay for it again.
"""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

from ..render.chart_slots import VEGA_BUNDLE_JOB, ChartCache
from .cache import ChartStore, StageCache
from .trusted_scripts import trusted_bundle

# Where charts.js expects it (generator.render.charts.VEGA_BUNDLE); a test keeps the two equal.
VEGA_BUNDLE_PATH = "assets/javascripts/vega-bundle.js"
KIND = "assets"


def machine_cache() -> StageCache:
    """The per-user cache for artefacts that depend only on installed package versions."""
    root = os.environ.get("KPI_MACHINE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    return StageCache(base if os.environ.get("KPI_MACHINE_CACHE") else base / "kpi-as-code")


def bundle_cached(cache: StageCache) -> bool:
    return _cached_bundle(cache) is not None


def _bundle_name() -> str:
    # The Vega-Lite version the charts use follows Altair's: both versions name the cached file.
    return f"vega-{version('vl-convert-python')}-altair{version('altair')}.js"


def _cached_bundle(cache: StageCache) -> str | None:
    name = _bundle_name()
    found = cache.read_text(KIND, name)
    if found and trusted_bundle(name, found):  # a script for every page: only known bytes
        return found
    shared = machine_cache().read_text(KIND, name)
    if shared and trusted_bundle(name, shared):
        cache.write_text(KIND, name, shared)
        return shared
    return None


def vega_bundle(cache: StageCache, charts: ChartStore | None = None) -> str:
    """vega + vega-lite + vega-embed as one script, the same bytes for the same vl-convert version."""
    cached = _cached_bundle(cache)
    if cached:
        return cached
    # The first build on this machine: the bundle is the charts' first job.
    drawn = charts.wait_for(VEGA_BUNDLE_JOB.key) if charts is not None else None
    text = drawn or VEGA_BUNDLE_JOB.draw()
    for store in (cache, machine_cache()):
        store.write_text(KIND, _bundle_name(), text)
    return text


def generated_assets(cache: StageCache, charts: ChartCache | None) -> dict[str, str]:
    """Scripts the render stage writes beside the pages (docs-relative path → text)."""
    return {VEGA_BUNDLE_PATH: vega_bundle(cache, charts if isinstance(charts, ChartStore) else None)}
