"""Scripts the site serves itself (no CDN): the vega bundle, cached on disk because making it takes ~1.5 s."""

from __future__ import annotations

from importlib.metadata import version

from ..render.chart_slots import VEGA_BUNDLE_JOB
from .cache import ChartStore, StageCache

# Where charts.js expects it (generator.render.charts.VEGA_BUNDLE); a test keeps the two equal.
VEGA_BUNDLE_PATH = "assets/javascripts/vega-bundle.js"


def bundle_cached(cache: StageCache) -> bool:
    return cache.read_text("assets", _bundle_name()) is not None


def _bundle_name() -> str:
    # The Vega-Lite version the charts use follows Altair's: both versions name the cached file.
    return f"vega-{version('vl-convert-python')}-altair{version('altair')}.js"


def vega_bundle(cache: StageCache, charts: ChartStore | None = None) -> str:
    """vega + vega-lite + vega-embed as one script, the same bytes for the same vl-convert version."""
    name = _bundle_name()
    cached = cache.read_text("assets", name)
    if cached:
        return cached
    drawn = charts.get(VEGA_BUNDLE_JOB.key) if charts is not None else None
    text = drawn or VEGA_BUNDLE_JOB.draw()
    cache.write_text("assets", name, text)
    return text
