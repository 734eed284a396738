"""The Spark engine profile: chosen like the others, and what is missing is said in words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from measure_kit import ROOT

from generator.cli import main
from generator.engine.profiles import EngineProfile
from generator.model.settings import ProjectSettings


def test_kpi_yml_names_the_spark_master_or_a_spark_connect_server() -> None:
    settings = ProjectSettings.model_validate(
        {"engine": "spark", "engines": {"spark": {"remote": "sc://spark.example:15002"}}}
    )
    profile = EngineProfile.from_settings(settings)
    assert (profile.name, profile.spark_master, profile.spark_remote) == (
        "spark",
        "local[2]",
        "sc://spark.example:15002",
    )
    with pytest.raises(ValueError, match="remote"):  # a URL with credentials or a shell string: refused
        ProjectSettings.model_validate({"engines": {"spark": {"remote": "sc://a; rm -rf /"}}})


def test_engine_spark_without_java_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "java" else real_which(name))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "definitions", project / "definitions")
    shutil.copytree(ROOT / "metrics", project / "metrics")
    result = CliRunner().invoke(
        main, ["measure", "--project", str(project), "--engine", "spark", "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "engine spark (local mode) needs Java 17 or later" in result.stderr
    assert "Traceback" not in result.output
