from __future__ import annotations

from generator.rules.kpi001_target_required import TargetRequired

from .conftest import Sandbox

RULE = TargetRequired()
SQL_TARGETS = """targets:
  - value: 100
    deadline: 2027-03-31
    direction: at_least
    period: fiscal_year
    scope: 2026年度の全チャネル
"""
CLICK_TARGETS = """targets:
  - value: 0.03
    deadline: 2027-03-31
    direction: at_least
    scope: ナーチャリングメール
"""


def test_kpi_without_target_is_an_error(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/sql_count.yml", SQL_TARGETS, "targets: []\n")
    assert sandbox.found(RULE) == ["metrics/sql_count.yml:18:10 KPI001"]


def test_activity_without_target_is_a_warning(sandbox: Sandbox) -> None:
    sandbox.edit("metrics/email_click_rate.yml", CLICK_TARGETS, "")
    # No targets key at all: the issue points at the top of the file.
    assert sandbox.found(RULE) == ["metrics/email_click_rate.yml:1:1 KPI001 warning"]


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
