"""The whole shipped catalogue measured on DuckDB and on Apache Spark (local mode) gives the same results.

Every KPI (series and segments), the tree, the funnel, the SLA reports (business hours, scoring) are
measured from one scale-0.1 sample on both engines. Floats agree within a relative 1e-9 (the order of
a sum differs between engines); everything else is equal exactly. Spark's queries are the engine's
own sqlglot expressions rendered for the ``spark`` dialect. Skipped without Java or pyspark, unless
``KPI_REQUIRE_SPARK`` is set (CI sets it).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from measure_kit import ROOT
from test_parity import _flatten, _same

from generator.model.check_result import CheckReport
from generator.model.measurement import MeasurementSet
from generator.model.project import Project
from generator.pipeline import Workspace, check_data, load, measure, require_valid, validate
from generator.sample import generate_sample

pytestmark = pytest.mark.slow
SCALE = 0.1  # 2,000 leads, ~115,000 activities: every KPI has values


@pytest.fixture(scope="module")
def spark_ready() -> Iterator[None]:
    missing = [
        what
        for what, present in (
            ("pyspark", importlib.util.find_spec("pyspark") is not None),
            ("java", shutil.which("java") is not None),
        )
        if not present
    ]
    if missing:
        if os.environ.get("KPI_REQUIRE_SPARK"):
            pytest.fail(
                f"{', '.join(missing)} missing but KPI_REQUIRE_SPARK is set (pip '.[spark]', Java 17)"
            )
        pytest.skip(f"{', '.join(missing)} not installed (.[spark] and .ci/system-packages install them)")
    yield
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    if session is not None:  # one session for the module: stopped once, at the end
        session.stop()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    loaded = load(Workspace(project_dir=ROOT))
    assert loaded.project.sources is not None
    generate_sample(loaded.project.sources.spec, out, scale=SCALE, seed=20260401)
    return out


@pytest.fixture(scope="module")
def on_engines(sample: Path) -> dict[str, Workspace]:
    return {
        engine: Workspace(project_dir=ROOT, data_dir=sample, engine=engine) for engine in ("duckdb", "spark")
    }


@pytest.fixture(scope="module")
def project(on_engines: dict[str, Workspace]) -> Project:
    return require_valid(validate(load(on_engines["duckdb"])), "en")


@pytest.fixture(scope="module")
def measured(
    spark_ready: None, project: Project, on_engines: dict[str, Workspace]
) -> dict[str, MeasurementSet]:
    """Both engines through the pipeline (``--engine spark`` opens the Spark profile)."""
    return {engine: measure(project, workspace) for engine, workspace in on_engines.items()}


def test_whole_catalogue_is_identical_on_duckdb_and_spark(
    project: Project, measured: dict[str, MeasurementSet]
) -> None:
    duck, spark = measured["duckdb"], measured["spark"]
    assert len(duck.kpis) == len(project.kpis) >= 40
    assert not [k for k, m in spark.kpis.items() if m.error], "every shipped KPI measures on Spark"
    on_duck, on_spark = _flatten(duck), _flatten(spark)
    assert on_duck.keys() == on_spark.keys()
    different = [
        key
        for key in sorted(on_duck)
        if not (
            _same(on_duck[key], on_spark[key])
            if isinstance(on_duck[key], float) or isinstance(on_spark[key], float)
            else on_duck[key] == on_spark[key]
        )
    ]
    assert not different, [(key, on_duck[key], on_spark[key]) for key in different[:10]]
    assert duck.funnel == spark.funnel and duck.funnel is not None
    assert duck.slas == spark.slas and duck.slas, "the SLA reports (business hours, scoring) agree"
    assert duck.as_of == spark.as_of and duck.data_fingerprint == spark.data_fingerprint
    # Not vacuous: durations (exact medians) and the tree have values on Spark.
    assert spark.kpis["lead_time_to_mql"].series[-1].value is not None
    assert any(node.actual is not None for node in spark.tree)


def test_the_data_checks_run_on_spark_with_the_same_outcomes(
    project: Project, on_engines: dict[str, Workspace], measured: dict[str, MeasurementSet]
) -> None:
    checked = {engine: check_data(project, on_engines[engine], measured[engine]) for engine in on_engines}

    def outcomes(report: CheckReport) -> dict[str, bool]:
        return {result.check_id: result.success for result in report.results}

    assert len(checked["spark"].results) > 50
    assert outcomes(checked["duckdb"]) == outcomes(checked["spark"])
    # The table checks really read Spark: its summaries give the same counts DuckDB's do.
    assert [r.message_en for r in checked["duckdb"].results] == [
        r.message_en for r in checked["spark"].results
    ]


def test_kpi_build_on_spark_makes_the_same_site_as_on_duckdb(
    spark_ready: None, sample: Path, tmp_path: Path
) -> None:
    """``kpi build --engine spark``: every page, chart and the build summary byte-identical to DuckDB's."""
    from generator.pipeline import build_site

    project_dir = tmp_path / "project"
    project_dir.mkdir()
    for part in ("metrics", "definitions", "site_src", "mkdocs.yml", "kpi.yml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project_dir / part)
        else:
            shutil.copy2(source, project_dir / part)
    sites = {}
    for engine in ("duckdb", "spark"):
        workspace = Workspace(
            project_dir=project_dir, data_dir=sample, engine=engine, cache_dir=tmp_path / f"cache-{engine}"
        )
        sites[engine] = build_site(workspace, tmp_path / f"site-{engine}")
    summary = "assets/kpi-summary.json"
    assert (sites["duckdb"] / summary).read_bytes() == (sites["spark"] / summary).read_bytes()

    def files(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
        }

    on_duck, on_spark = files(sites["duckdb"]), files(sites["spark"])
    assert len(on_duck) > 50 and on_duck.keys() == on_spark.keys()
    assert [name for name in on_duck if on_duck[name] != on_spark[name]] == []
