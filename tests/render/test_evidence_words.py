"""Evidence and check references in words, from the shipped catalogue's tables and KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.project import Project
from generator.render.evidence_words import check_id_words, data_check_words, sla_clause_words

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("leads.unique.lead_id", "リードのリードIDに重複がない"),
        # The column's aside 「(MA の記録)」 is dropped; the later column is the subject.
        ("leads.ordered.created_at.mql_at", "リードのMQL になった日時がリード獲得日時より前でない"),
        ("leads.allowed_values.channel", "リードの獲得チャネルが決められた値のどれか"),
        ("handoffs.references.lead_id", "引き渡しのリードIDが参照先に存在する"),
        # The column 「行動の種類」 already names its table: not 「行動の行動の種類」.
        ("activities.allowed_values.type", "行動の種類が決められた値のどれか"),
        # Without a column the reference covers the rule on every column.
        ("leads.unique", "リードの重複チェック"),
        ("leads.row_count", "リードの行数チェック"),
        ("kpi:webinar_attendance_rate", "ウェビナー参加率の KPI チェック"),
        # Unresolved or unknown: shown as typed (CHK001 reports it), never dropped.
        ("nowhere.unique.id", "nowhere.unique.id"),
        ("kpi:retired", "kpi:retired"),
        ("leads.someday.lead_id", "リードの someday チェック"),
    ],
)
def test_a_data_check_reference_reads_as_words(project: Project, ref: str, words: str) -> None:
    assert data_check_words(ref, project) == words


def test_a_check_result_id_reads_as_words(project: Project) -> None:
    assert check_id_words("table:leads:freshness:created_at", project) == "リードのリード獲得日時が新しい"
    assert check_id_words("table:leads:unique:lead_id#2", project) == "リードのリードIDに重複がない"
    assert check_id_words("kpi:new_leads:between", project) == "新規リード獲得数の KPI チェック(between)"
    assert check_id_words("something:else", project) == "something:else"


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        ("mql.criteria", "MQL の定義の条件"),
        ("scoring.rules", "スコアリングのルール"),
        ("follow_up.attempts", "フォローアップの接触回数"),
        ("response_deadline.business_hours", "初回対応の期限"),  # a path with a name of its own
        ("appendix.b", "appendixのb"),  # an unknown field keeps its own name
    ],
)
def test_an_sla_clause_reads_as_words(clause: str, words: str) -> None:
    assert sla_clause_words(clause) == words
