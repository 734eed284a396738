"""Scripts the site serves itself (no CDN): the vega bundle, cached on disk because making it takes ~1.5 s."""

from __future__ import annotations

from importlib.metadata import version

from ..render import charts
from .cache import StageCache

VEGA_BUNDLE_PATH = charts.VEGA_BUNDLE


def vega_bundle(cache: StageCache) -> str:
    """vega + vega-lite + vega-embed as one script, the same bytes for the same vl-convert version."""
    name = f"vega-{version('vl-convert-python')}-vl{charts.VEGA_LITE_VERSION}.js"
    cached = cache.read_text("assets", name)
    if cached:
        return cached
    text = charts.vega_bundle_text()
    cache.write_text("assets", name, text)
    return text
