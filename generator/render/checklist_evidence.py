"""A checklist item's state from its evidence: 「完了」 is typed, but a failing cited check or a cited KPI
without data overrules it (「要確認」, with the reason). Items whose evidence is a document, an SLA
clause, a table or a glossary term keep their typed state: there is nothing measured to contradict it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..model.check_result import CheckResult
from ..model.checklist import ChecklistItem, Evidence
from .evidence_words import data_check_words
from .inputs import SiteInputs

ShownState = Literal["done", "in_progress", "not_started", "not_applicable", "needs_review"]


@dataclass(frozen=True)
class JudgedItem:
    """The state a checklist item is shown and counted with, and why it differs from the typed one."""

    item: ChecklistItem
    state: ShownState
    reasons: tuple[str, ...] = ()


def judge_item(item: ChecklistItem, inputs: SiteInputs) -> JudgedItem:
    """``needs_review`` when measured evidence contradicts a typed 「完了」; else the typed state."""
    if item.state != "done":
        return JudgedItem(item, item.state)
    reasons = tuple(reason for evidence in item.evidence for reason in _contradictions(evidence, inputs))
    return JudgedItem(item, "needs_review", reasons) if reasons else JudgedItem(item, "done")


def _contradictions(evidence: Evidence, inputs: SiteInputs) -> Iterator[str]:
    if evidence.kind == "data_check":
        yield from _failing_checks(evidence.ref, inputs)
    elif evidence.kind == "kpi":
        yield from _kpi_without_data(evidence.ref, inputs)


def cited_results(ref: str, results: tuple[CheckResult, ...]) -> list[CheckResult]:
    """The check results a ``data_check`` reference names: ``kpi:<id>`` is every check of that KPI;
    ``<table>.<check>[.<column>…]`` is that check (a shorter reference covers every matching one)."""
    if ref.startswith("kpi:"):
        kpi_id = ref.removeprefix("kpi:")
        return [r for r in results if r.subject_kind == "kpi" and r.subject == kpi_id]
    check_id = "table:" + ref.replace(".", ":")
    return [
        r
        for r in results
        if r.check_id == check_id or r.check_id.startswith((check_id + ":", check_id + "#"))
    ]


def _failing_checks(ref: str, inputs: SiteInputs) -> Iterator[str]:
    cited = cited_results(ref, inputs.checks.results)
    words = data_check_words(ref, inputs.project)
    if not cited:
        yield f"根拠のデータチェック「{words}」の結果がありません(実行されていません)"
        return
    failed = [r for r in cited if not r.success]
    if failed:
        names = "、".join(r.rule for r in failed) if ref.startswith("kpi:") else ""
        detail = f"({names})" if names else ""
        yield f"根拠のデータチェック「{words}」{detail}が不合格です"


def _kpi_without_data(kpi_id: str, inputs: SiteInputs) -> Iterator[str]:
    loaded = inputs.project.kpi(kpi_id)
    name = loaded.spec.name if loaded else kpi_id
    measurement = inputs.measurements.kpis.get(kpi_id)
    if measurement is None or measurement.error is not None:
        yield f"根拠の KPI「{name}」を計測できていません"
    elif not any(point.value is not None for point in measurement.series):
        yield f"根拠の KPI「{name}」にデータがありません"
    elif inputs.data_problems.get(kpi_id):
        yield f"根拠の KPI「{name}」の値は、読み込むデータのチェックが不合格のため保留されています"
