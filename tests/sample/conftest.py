"""Small samples generated once per test session (scale 0.02–0.05 keeps the suite fast)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.sources import Sources
from generator.sample import generate_sample

REPO = Path(__file__).resolve().parents[2]
SEED = 20260401


@pytest.fixture(scope="session")
def sources() -> Sources:
    loaded = load_catalogue(DirectoryTree(REPO)).project.sources
    assert loaded is not None
    return loaded.spec


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> Path:
    out = tmp_path_factory.mktemp("sample_005")
    generate_sample(sources, out, scale=0.05, seed=SEED)
    return out


@pytest.fixture(scope="session")
def frames(sample_dir: Path, sources: Sources) -> dict[str, pd.DataFrame]:
    return {t.id: pq.read_table(sample_dir / f"{t.id}.parquet").to_pandas() for t in sources.tables}
