"""Readable formulas: the computation grammar read aloud in Japanese, column names as their descriptions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.kpi import Kpi
from generator.model.project import Project
from generator.render.formula import FormulaWriter
from generator.render.links import Links

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def writer() -> FormulaWriter:
    project: Project = load_catalogue(DirectoryTree(REPO)).project
    return FormulaWriter(project, Links("kpis/example.md"))


def kpi(compute: dict[str, Any], **extra: Any) -> Kpi:
    return Kpi.model_validate(
        {
            "id": "example",
            "name": "例",
            "name_en": "Example",
            "description": "説明",
            "stage": "middle",
            "kind": "rate",
            "unit": "percent",
            "grain": "month",
            "compute": compute,
            "owner": {"team": "marketing", "person": "佐藤 美咲"},
            "phase": "operating",
            "cadence": "monthly",
            "tree": {"level": "kpi"},
            **extra,
        }
    )


def test_the_shipped_cohort_conversion(writer: FormulaWriter) -> None:
    loaded = writer.project.kpi("mql_to_sql_rate")
    assert loaded is not None
    assert writer.formula(loaded.spec) == (
        "MQL→SQL転換率 = (その月にMQL になったリードのうち90日以内にSQL になった数)"
        " ÷ (その月にMQL になったリード数)"
    )


def test_ratio_of_filtered_counts(writer: FormulaWriter) -> None:
    compute = {
        "measure": "ratio",
        "numerator": {
            "measure": "count",
            "table": "activities",
            "time": "occurred_at",
            "filter": "type = 'email_click'",
        },
        "denominator": {
            "measure": "count",
            "table": "activities",
            "time": "occurred_at",
            "filter": "type = 'email_delivered'",
        },
    }
    assert writer.formula(kpi(compute)) == (
        "例 = (その月に発生した行動のうち、「行動の種類」が メールのクリック(email_click)のものの数)"
        " ÷ (その月に発生した行動のうち、「行動の種類」が メール配信成功(email_delivered)のものの数)"
    )


def test_sum_distinct_and_derived(writer: FormulaWriter) -> None:
    total = {"measure": "sum", "table": "costs", "column": "amount_yen", "time": "incurred_at"}
    assert writer.formula(kpi(total)) == "例 = (その月に計上した費用の「金額(円)」の合計)"
    distinct = {"measure": "count", "table": "activities", "time": "occurred_at", "distinct": "lead_id"}
    assert writer.formula(kpi(distinct)) == "例 = (その月に発生した行動の「リードID」の種類数)"
    derived = {"measure": "derived", "expression": "(mql_count - sql_count) / mql_count * factor"}
    assert writer.formula(kpi(derived, params={"factor": 100})) == (
        "例 = ([MQL数](mql_count.md) - [SQL数](sql_count.md)) ÷ [MQL数](mql_count.md) × 100"
    )


def test_conditions_read_as_sentences(writer: FormulaWriter) -> None:
    leads = ("leads",)
    assert writer.condition(leads, "channel in ('webinar', 'ads')") == (
        "「獲得チャネル」が ウェビナー(webinar)・広告(ads) のいずれか"
    )
    assert writer.condition(leads, "company_size = '1-49' and not is_target_industry") == (
        "「従業員規模」が 1〜49名(1-49) かつ 「ターゲット業種か」が「いいえ」"
    )
    assert writer.condition(leads, "sql_at is null") == "「SQL になった日時(IS の記録)」が空"
    assert writer.condition(leads, "<script>") == "&lt;script&gt;"  # not a filter: shown as escaped text
    assert writer.condition(("activities",), "page_category = 'pricing'") == (
        "「閲覧ページの分類(page_view のみ)」が 料金ページ(pricing)"  # a person's word for the code
    )
    assert writer.condition(("deals",), "is_won") == "「受注したか」が「はい」"  # never 「が真」
