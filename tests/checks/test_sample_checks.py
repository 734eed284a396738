"""The shipped catalogue on the generated sample: every data check passes (what `make test` gates on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import check_project_data
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("great_expectations_imported")]


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if (ROOT / "data" / "activities.parquet").is_file():
        return ROOT / "data"
    from generator.sample.generate import generate_sample

    project = load_catalogue(DirectoryTree(ROOT)).project
    assert project.sources is not None
    out = tmp_path_factory.mktemp("sample")
    generate_sample(project.sources.spec, out, scale=1, seed=20260401)
    return out


def test_every_check_passes_on_the_sample(sample_dir: Path) -> None:
    report = check_project_data(ROOT, sample_dir)
    failures = [f"{r.location}: {r.message_en}" for r in report.failed]
    assert failures == []
    project = load_catalogue(DirectoryTree(ROOT)).project
    assert project.sources is not None
    assert {r.subject for r in report.results if r.subject_kind == "kpi"} == {k.spec.id for k in project.kpis}
    tables = {r.subject for r in report.results if r.subject_kind == "table"}
    assert tables == {t.id for t in project.sources.spec.tables}
