"""Scripts read back from a cache run in every reader's browser: only bytes known in advance are used.

The vega bundle (~0.9 MB, ~2 s to make) is kept in ``.cache/assets/`` and the per-user cache. Whoever
can write either (a CI cache shared between branches) could otherwise serve their own script on
every page, and the site's Content-Security-Policy would allow it: it is the site's own file. The
bundle is the same bytes for the same vl-convert and Altair, so each known version's SHA-256 is
pinned here; a cached copy with other bytes, or of a version not listed, is made again instead.
After upgrading vl-convert or Altair, ``tests/site/test_trusted_scripts.py`` fails with the line to add.
"""

from __future__ import annotations

import hashlib

KNOWN_VEGA_BUNDLES: dict[str, str] = {
    # vl-convert-python 1.9.0.post1 with Altair 6.3.0 (Vega-Lite 6.4)
    "vega-1.9.0.post1-altair6.3.0.js": "3425bd951a44d478d0505c6b5d1e8d57656b6e9a4da7bfe88a718ce61d76e572",
}


def bundle_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def trusted_bundle(name: str, text: str) -> bool:
    """Whether ``text`` is exactly the bundle of the version ``name`` stands for."""
    expected = KNOWN_VEGA_BUNDLES.get(name)
    return expected is not None and bundle_digest(text) == expected
