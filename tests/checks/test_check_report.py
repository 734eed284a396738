"""Saved check reports: deterministic JSON, a faithful round trip, and never a lead's personal data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import AS_OF, clean_leads, loaded_sources, sources_with_first_check

from generator.checks import load_report, run_data_checks, save_report
from generator.model.project import Project

SECRET_EMAIL = "yamada.hanako@example.co.jp"
SECRET_NAME = "山田花子"

pytestmark = pytest.mark.usefixtures("great_expectations_imported")


def leaky_leads() -> pd.DataFrame:
    """A lead whose email and name were exported into the channel and id columns (a broken export)."""
    leads = clean_leads()
    leads.loc[1, "channel"] = SECRET_EMAIL  # an unexpected value for allowed_values
    leads.loc[2, "lead_id"] = SECRET_NAME  # a value the unique and references checks see
    leads.loc[0, "email"] = SECRET_EMAIL
    return pd.concat([leads, leads.iloc[[2]]], ignore_index=True)  # and a duplicated id


def test_personal_data_never_reaches_the_saved_report(
    data_factory: Callable[..., Path], tmp_path: Path
) -> None:
    project = Project(
        sources=loaded_sources(sources_with_first_check("      - {check: unique, column: lead_id}\n"))
    )
    report = run_data_checks(project, data_factory(leads=leaky_leads()), None, as_of=AS_OF)
    failed = {result.check_id: result.unexpected_count for result in report.failed}
    # the leak really sat where GX lists unexpected values: these checks failed on those rows
    assert failed["table:leads:allowed_values:channel"] == 1
    assert failed["table:leads:unique:lead_id"] == 2
    path = tmp_path / "checks.json"
    save_report(report, path)
    text = path.read_text(encoding="utf-8")
    for secret in (SECRET_EMAIL, SECRET_NAME, "taro@example.jp", "@example"):
        assert secret not in text
    assert "partial_unexpected" not in text and "unexpected_list" not in text


def test_json_is_deterministic_and_round_trips(
    sources_project: Project, data_factory: Callable[..., Path], tmp_path: Path
) -> None:
    data_dir = data_factory()
    first = run_data_checks(sources_project, data_dir, None, as_of=AS_OF)
    second = run_data_checks(sources_project, data_dir, None, as_of=AS_OF)
    save_report(first, tmp_path / "a.json")
    save_report(second, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert load_report(tmp_path / "a.json") == first


def test_json_layout(sources_project: Project, data_factory: Callable[..., Path], tmp_path: Path) -> None:
    report = run_data_checks(sources_project, data_factory(), None, as_of=AS_OF)
    save_report(report, tmp_path / "checks.json")
    text = (tmp_path / "checks.json").read_text(encoding="utf-8")
    assert "リード" not in text  # table descriptions are not copied, only messages
    assert "問題ありません" in text  # Japanese kept as text (ensure_ascii off)
    data = json.loads(text)
    # 2 schemas + 8 declared + 4 implied (not_null leads.lead_id and activities.activity_id; ordered
    # created_at ≤ mql_at and created_at ≤ sql_at)
    assert data["summary"] == {"checks": 14, "failed": 0}
    first = data["results"][1]
    assert list(first) == sorted(first)
    assert first["check_id"] == "table:leads:unique:lead_id"
    assert first["location"] == {"col": 9, "file": "definitions/sources.yml", "line": 17}
