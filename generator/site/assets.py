"""Scripts the site serves itself (no CDN): the vega bundle, cached on disk because making it takes ~1.5 s."""

from __future__ import annotations

from importlib.metadata import version

from .cache import StageCache

# Where charts.js expects it (generator.render.charts.VEGA_BUNDLE); a test keeps the two equal.
VEGA_BUNDLE_PATH = "assets/javascripts/vega-bundle.js"


def vega_bundle(cache: StageCache) -> str:
    """vega + vega-lite + vega-embed as one script, the same bytes for the same vl-convert version."""
    # The Vega-Lite version the charts use follows Altair's: both versions name the cached file.
    name = f"vega-{version('vl-convert-python')}-altair{version('altair')}.js"
    cached = cache.read_text("assets", name)
    if cached:
        return cached
    from ..render import charts  # Altair and vl-convert load only when the bundle must be made

    text = charts.vega_bundle_text()
    cache.write_text("assets", name, text)
    return text
