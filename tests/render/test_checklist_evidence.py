"""A typed 「完了」 yields to its evidence: a failing cited check or a cited KPI without data is 要確認."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.safe_yaml import YamlDocument
from generator.loading.source_tree import DirectoryTree
from generator.model.check_result import CheckReport
from generator.model.checklist import Checklist, Evidence
from generator.model.measurement import Point
from generator.model.project import Loaded
from generator.render.checklist_evidence import judge_item
from generator.render.inputs import SiteInputs
from generator.render.pages.checklists import render_checklists
from generator.render.pages.home import render_home

REPO = Path(__file__).resolve().parents[2]

# fake_checks: table:leads:unique:lead_id passes, table:leads:freshness:created_at fails; every KPI check
# passes. cpl is measured here with no value in any month.
CHECKLIST = Checklist.model_validate(
    {
        "id": "evidence_test",
        "name": "根拠テスト",
        "name_en": "Evidence test",
        "description": "テスト用。",
        "items": [
            # 1. done, its check passes → 完了
            {"id": "ids_unique", "text": "IDが一意", "owner": "marketing", "state": "done",
             "evidence": [{"kind": "data_check", "ref": "leads.unique.lead_id"}]},
            # 2. done, its check fails → 要確認, not counted as done
            {"id": "data_fresh", "text": "データが新しい", "owner": "marketing", "state": "done",
             "evidence": [{"kind": "data_check", "ref": "leads.freshness.created_at"},
                          {"kind": "document", "ref": "https://example.com/runbook"}]},
            # 3. done, the KPI it cites has no value in any period → 要確認
            {"id": "cpl_tracked", "text": "CPL を計測", "owner": "marketing", "state": "done",
             "evidence": [{"kind": "kpi", "ref": "cpl"}]},
            # 4. done, its evidence is a document: nothing measured contradicts it → 完了
            {"id": "policy", "text": "方針を文書化", "owner": "marketing", "state": "done",
             "evidence": [{"kind": "document", "ref": "https://example.com/policy"}]},
            # 5. in progress stays in progress even when its check fails
            {"id": "wip", "text": "対応中", "owner": "marketing", "state": "in_progress",
             "evidence": [{"kind": "data_check", "ref": "leads.freshness.created_at"}]},
            # 6. not applicable: not counted at all
            {"id": "na", "text": "対象外", "owner": "marketing", "state": "not_applicable"},
        ],
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def inputs() -> SiteInputs:
    project = load_catalogue(DirectoryTree(REPO)).project
    measurements = fake_measurements(project)
    cpl = measurements.kpis["cpl"]
    empty = tuple(Point(p.period, p.start, None) for p in cpl.series)
    measurements = dataclasses.replace(
        measurements, kpis={**measurements.kpis, "cpl": dataclasses.replace(cpl, series=empty)}
    )
    loaded = Loaded(CHECKLIST, "definitions/checklists/evidence_test.yml", YamlDocument(data={}))
    return SiteInputs(dataclasses.replace(project, checklists=(loaded,)), measurements, fake_checks(project))


def row(page: str, text: str) -> str:
    return next(line for line in page.splitlines() if line.startswith("| ") and f"| {text} |" in line)


def test_a_failing_cited_check_makes_a_done_item_need_review(inputs: SiteInputs) -> None:
    page = render_checklists(inputs)
    assert "| ⚠️ 要確認(根拠のデータチェック「リードのリード獲得日時が新しい」が不合格です) |" in row(
        page, "データが新しい"
    )
    assert "| ⚠️ 要確認(根拠の KPI「CPL(リード獲得単価)」にデータがありません) |" in row(page, "CPL を計測")
    assert "| ✅ 完了 |" in row(page, "IDが一意")
    assert "| ✅ 完了 |" in row(page, "方針を文書化")  # a document cannot be checked: typed state stands
    assert "| 🔄 対応中 |" in row(page, "対応中")


def test_items_needing_review_are_not_counted_as_done(inputs: SiteInputs) -> None:
    # Applicable: items 1–5 (item 6 is 対象外) = 5; done by evidence: items 1 and 4 = 2 → 2 ÷ 5 = 40%
    # (typed states alone would give 4/5, 80%). Bar: 20 × 2 ÷ 5 = 8 cells.
    bar = "█" * 8 + "░" * 12 + " 2/5(40%)"
    assert f"進捗: {bar}" in render_checklists(inputs)
    assert f"[根拠テスト](checklists.md#checklist-evidence_test): {bar}" in render_home(inputs)


def test_a_kpi_check_reference_covers_every_check_of_that_kpi(inputs: SiteInputs) -> None:
    # kpi:new_leads cites new_leads' four checks; its range check fails here → 要確認 naming the rule.
    failed = tuple(
        dataclasses.replace(r, success=False) if r.check_id == "kpi:new_leads:between" else r
        for r in inputs.checks.results
    )
    item = CHECKLIST.items[0].model_copy(
        update={"evidence": [Evidence(kind="data_check", ref="kpi:new_leads")]}
    )
    judged = judge_item(item, dataclasses.replace(inputs, checks=CheckReport(failed)))
    assert (judged.state, judged.reasons) == (
        "needs_review",
        ("根拠のデータチェック「新規リード獲得数の KPI チェック」(between)が不合格です",),
    )
    # A shorter table reference covers the checks it names: leads.unique → leads.unique.lead_id (passes).
    item = item.model_copy(update={"evidence": [Evidence(kind="data_check", ref="leads.unique")]})
    assert judge_item(item, inputs).state == "done"
    # A cited check with no result (it did not run) proves nothing.
    item = item.model_copy(update={"evidence": [Evidence(kind="data_check", ref="deals.unique.deal_id")]})
    assert judge_item(item, inputs).reasons == (
        "根拠のデータチェック「商談の商談IDに重複がない」の結果がありません(実行されていません)",
    )
