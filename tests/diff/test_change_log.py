"""The change log from git: each commit's semantic changes (as kpi diff words them), cached by commit ids.

Three commits on the shipped catalogue (diff_kit): the base, the MQL threshold 60 → 50, then the
description of mql_count reworded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from diff_kit import edit, make_repo

import generator.site.change_log as change_log_module
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.change_log import ChangeLog
from generator.model.check_result import CheckReport
from generator.model.measurement import MeasurementSet
from generator.render.inputs import SiteInputs
from generator.render.pages.changes import render_change_log, render_since_last
from generator.site.cache import StageCache
from generator.site.change_log import change_log

SLA = "definitions/sla/standard_sla.yml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("log"))
    edit(repo, SLA, "  threshold: 60\n", "  threshold: 50\n", "MQL の閾値を 50 点に下げる")
    edit(repo, "metrics/mql_count.yml", "name: MQL数\n", "name: MQL 数\n", "表記を直す")
    return repo


def test_each_commit_lists_its_semantic_changes_newest_first(repo: Path) -> None:
    log = change_log(repo)
    assert log is not None and not log.truncated
    assert [(c.subject, c.first) for c in log.commits] == [
        ("表記を直す", False),
        ("MQL の閾値を 50 点に下げる", False),
        ("base", True),
    ]
    reworded, threshold, base = log.commits
    assert [(c.entity, c.entity_id, c.category, c.text_ja) for c in threshold.changes] == [
        ("sla", "standard_sla", "breaking", "MQL の閾値: 60点 → 50点")
    ]
    assert [(c.category, c.text_en) for c in reworded.changes] == [
        ("cosmetic", "MQLs — name: “MQL数” → “MQL 数”")
    ]
    assert len(base.changes) >= 45  # the first commit adds every definition


def test_the_bound_keeps_the_newest_commits(repo: Path) -> None:
    log = change_log(repo, limit=1)
    assert log is not None and log.truncated
    assert [c.subject for c in log.commits] == ["表記を直す"]  # compared with the commit before it


def test_a_pair_of_commits_is_diffed_once(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = StageCache(tmp_path / "cache")
    first = change_log(repo, cache)

    def no_git(*_arguments: object) -> None:
        raise AssertionError("a cached pair was loaded from git again")

    monkeypatch.setattr(change_log_module, "load_revision", no_git)
    assert change_log(repo, cache) == first


def test_outside_git_there_is_no_change_log(tmp_path: Path) -> None:
    assert change_log(tmp_path) is None
    section = render_since_last("kpi", "mql_count", None)
    assert "git の履歴がないため、前回からの変化は表示できません" in section


def test_the_pages_say_what_changed(repo: Path) -> None:
    log = change_log(repo)
    assert log is not None
    section = render_since_last("sla", "standard_sla", log)
    assert "## 前回からの変化 {#since-last-change}" in section
    assert "| 破壊的 | MQL の閾値: 60点 → 50点 |" in section
    assert "(MQL の閾値を 50 点に下げる)で変わったこと" in section
    untouched = render_since_last("kpi", "cpl", dataclasses.replace(log, commits=log.commits[:2]))
    assert "この定義は変わっていません" in untouched


def test_the_change_log_page_links_each_definition(repo: Path) -> None:
    log = change_log(repo)
    assert isinstance(log, ChangeLog)
    project = load_catalogue(DirectoryTree(repo)).project
    nothing_measured = MeasurementSet(dt.date(2026, 9, 30), "", {})
    inputs = SiteInputs(project, nothing_measured, CheckReport(()), change_log=log)
    page = render_change_log(inputs)
    assert "| 破壊的 | [standard_sla](sla/standard_sla.md) | MQL の閾値: 60点 → 50点 |" in page
    assert "| 表記 | [mql_count](kpis/mql_count.md) |" in page
    assert "(最初のコミット: すべての定義が追加されました)" in page
    assert "| | | ほか " in page  # the first commit lists 30 lines and says how many more
