"""Same seed and scale → byte-identical files; another seed → different data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.model.sources import Sources
from generator.sample import generate_sample


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


def test_same_seed_and_scale_give_identical_bytes(tmp_path: Path, sources: Sources) -> None:
    generate_sample(sources, tmp_path / "a", scale=0.02, seed=7)
    generate_sample(sources, tmp_path / "b", scale=0.02, seed=7)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert sorted(first) == sorted(f"{t.id}.parquet" for t in sources.tables)
    assert first == second


def test_another_seed_changes_the_events_but_not_the_calendar(tmp_path: Path, sources: Sources) -> None:
    generate_sample(sources, tmp_path / "a", scale=0.02, seed=7)
    generate_sample(sources, tmp_path / "b", scale=0.02, seed=8)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert first["leads.parquet"] != second["leads.parquet"]
    assert first["activities.parquet"] != second["activities.parquet"]
    assert first["campaigns.parquet"] == second["campaigns.parquet"]  # the calendar follows the period only


def test_no_temporary_files_are_left(tmp_path: Path, sources: Sources) -> None:
    generate_sample(sources, tmp_path, scale=0.02, seed=7)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t.id}.parquet" for t in sources.tables)
