"""The whole shipped catalogue measured on DuckDB and on PostgreSQL gives the same results.

A throwaway PostgreSQL server (Debian's binaries) runs in a temporary directory on a unix socket;
the sample data comes from the project's own generator at a small scale.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from measure_kit import ROOT
from test_privacy import RecordingBackend, personal_names

from generator.engine import measure_project
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.measurement import MeasurementSet
from generator.model.project import Project
from generator.model.settings import EngineName
from generator.sample import generate_sample

pytestmark = pytest.mark.slow
ENGINES: tuple[EngineName, ...] = ("duckdb", "postgres")
SCALE = 0.1  # 2,000 leads, ~115,000 activities: enough for every KPI to have values
PORT = 54_000 + os.getpid() % 1000


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def _as_postgres_user(args: list[str]) -> list[str]:
    """initdb refuses to run as root: drop to the postgres user when we are root."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    binaries = _pg_bin()
    if binaries is None:
        if os.environ.get("KPI_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is missing but KPI_REQUIRE_POSTGRES is set (see .ci/system-packages)")
        pytest.skip("PostgreSQL binaries are not installed (.ci/system-packages installs them)")
    base = Path(tempfile.mkdtemp(prefix="kpi-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data = base / "data"
    subprocess.run(
        _as_postgres_user(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--locale=C",
                "-E",
                "UTF8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -p {PORT} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        _as_postgres_user(
            [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"host={base} port={PORT} dbname=postgres user=postgres"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            subprocess.run(
                _as_postgres_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                check=True,
                capture_output=True,
            )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def catalogue() -> Project:
    loaded = load_catalogue(DirectoryTree(ROOT))
    assert not loaded.issues, loaded.issues
    return loaded.project


@pytest.fixture(scope="module")
def sample(catalogue: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert catalogue.sources is not None
    generate_sample(catalogue.sources.spec, out, scale=SCALE, seed=20260401)
    return out


def _same(a: object, b: object) -> bool:
    if not (isinstance(a, float) and isinstance(b, float)):
        return a is b if a is None or b is None else a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _flatten(result: MeasurementSet) -> dict[str, float | str | bool | None]:
    """Every number of the result, keyed by where it is, so a mismatch names its place."""
    flat: dict[str, float | str | bool | None] = {}
    for kpi_id, measured in result.kpis.items():
        flat[f"{kpi_id}.error"] = measured.error
        for p in measured.series:
            for part in ("value", "numerator", "denominator"):
                flat[f"{kpi_id}.{p.period}.{part}"] = getattr(p, part)
        for s in measured.segments:
            flat[f"{kpi_id}.{s.dimension}={s.key}.value"] = s.value
            flat[f"{kpi_id}.{s.dimension}={s.key}.suppressed"] = s.suppressed
    for node in result.tree:
        flat[f"tree.{node.kpi_id}.actual"] = node.actual
        flat[f"tree.{node.kpi_id}.forecast"] = node.forecast
    return flat


def test_whole_catalogue_is_identical_on_duckdb_and_postgresql(
    catalogue: Project, sample: Path, postgres: str
) -> None:
    from generator.engine.postgres_backend import PostgresBackend

    recorder = RecordingBackend()
    on_duckdb = measure_project(catalogue, sample, backend=recorder)
    recorder.close()
    backend = PostgresBackend(postgres)
    try:
        on_postgres = measure_project(catalogue, sample, backend=backend)
    finally:
        backend.close()
    assert len(on_duckdb.kpis) == len(catalogue.kpis) >= 40
    assert not [k for k, m in on_duckdb.kpis.items() if m.error], "every shipped KPI measures"
    duck, pg = _flatten(on_duckdb), _flatten(on_postgres)
    assert duck.keys() == pg.keys()
    different = [
        key
        for key in sorted(duck)
        if not (
            _same(duck[key], pg[key])
            if isinstance(duck[key], float) or isinstance(pg[key], float)
            else duck[key] == pg[key]
        )
    ]
    assert not different, [(key, duck[key], pg[key]) for key in different[:10]]
    assert on_duckdb.funnel == on_postgres.funnel
    assert on_duckdb.slas == on_postgres.slas
    assert on_duckdb.data_fingerprint == on_postgres.data_fingerprint
    # No query of the whole catalogue (KPIs, cubes, tree, funnel, SLA reports) names a personal column.
    for query in recorder.queries:
        assert not personal_names(query), query.sql()
    # The comparison is not vacuous: every KPI has a value in some period of the sample's year.
    empty = [k for k, m in on_duckdb.kpis.items() if all(p.value is None for p in m.series)]
    assert not empty, empty


def test_the_pipeline_measures_and_checks_on_the_postgres_profile(
    sample: Path, postgres: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--engine postgres`` through the pipeline: same numbers, and the data checks run there too."""
    from generator.model.check_result import CheckReport
    from generator.pipeline import Workspace, check_data, load, measure, require_valid, validate

    monkeypatch.setenv("KPI_POSTGRES_DSN", postgres)
    on = {engine: Workspace(project_dir=ROOT, data_dir=sample, engine=engine) for engine in ENGINES}
    project = require_valid(validate(load(on["duckdb"])), "en")
    duck, pg = (measure(project, on[engine]) for engine in ENGINES)
    assert _flatten(duck).keys() == _flatten(pg).keys()
    assert duck.slas == pg.slas and duck.funnel == pg.funnel

    def outcomes(report: CheckReport) -> dict[str, bool]:
        return {result.check_id: result.success for result in report.results}

    checked_duck, checked_pg = (
        check_data(project, on["duckdb"], duck),
        check_data(project, on["postgres"], pg),
    )
    assert len(checked_pg.results) > 50
    assert outcomes(checked_duck) == outcomes(checked_pg)
    # The table checks really read PostgreSQL: its summaries give the same counts DuckDB's do.
    assert [r.message_en for r in checked_duck.results] == [r.message_en for r in checked_pg.results]
