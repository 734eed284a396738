"""The vega bundle a page loads is never a cached file someone else wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.charts import vega_bundle_text
from generator.site.assets import KIND, _bundle_name, machine_cache, vega_bundle
from generator.site.cache import StageCache
from generator.site.trusted_scripts import KNOWN_VEGA_BUNDLES, bundle_digest, trusted_bundle

FOREIGN = "window.vegaEmbed = function () { alert(1); };"


def test_the_installed_vega_bundle_is_pinned() -> None:
    name, digest = _bundle_name(), bundle_digest(vega_bundle_text())
    assert KNOWN_VEGA_BUNDLES.get(name) == digest, (
        f"add to KNOWN_VEGA_BUNDLES in generator/site/trusted_scripts.py: {name!r}: {digest!r}"
    )


def test_only_the_pinned_bytes_are_trusted() -> None:
    real = vega_bundle_text()
    assert trusted_bundle(_bundle_name(), real)
    assert not trusted_bundle(_bundle_name(), real + "\nalert(1);")
    assert not trusted_bundle(_bundle_name(), FOREIGN)
    assert not trusted_bundle("vega-0.0-altair0.0.js", real)  # a version nobody pinned


@pytest.mark.parametrize("where", ["project", "machine"])
def test_a_foreign_bundle_in_a_cache_is_replaced_by_the_real_one(tmp_path: Path, where: str) -> None:
    project = StageCache(tmp_path / "project")
    machine = machine_cache()  # the session's own folder (KPI_MACHINE_CACHE, see conftest)
    for store in (project, machine):
        store.write_text(KIND, _bundle_name(), vega_bundle_text())
    (project if where == "project" else machine).write_text(KIND, _bundle_name(), FOREIGN)
    if where == "machine":
        (tmp_path / "project" / KIND / _bundle_name()).unlink()  # the project's copy is not there yet
    assert vega_bundle(project) == vega_bundle_text()
    for store in (project, machine):  # and both caches are mended
        assert store.read_text(KIND, _bundle_name()) == vega_bundle_text()
