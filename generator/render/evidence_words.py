"""A checklist item's evidence as a reader says it: 「MQL の定義の条件」, 「リードのリードIDに重複がない」.

The reference itself (``standard_sla.mql.criteria``, ``leads.unique.lead_id``) is what an author types
and what the link resolves; the page shows these words instead.
"""

from __future__ import annotations

import re

from ..model.field_words import field_path_words
from ..model.project import Project
from ..model.sources import Table
from .formula import TABLE_NOUNS

# One phrase per table check rule, over the column's words (``{0}``; ``{1}`` for the later column).
_RULE_PHRASES = {
    "unique": "{0}に重複がない",
    "not_null": "{0}が空でない",
    "allowed_values": "{0}が決められた値のどれか",
    "not_in_future": "{0}が未来の日時でない",
    "ordered": "{1}が{0}より前でない",
    "references": "{0}が参照先に存在する",
    "finite": "{0}が有限の数値",
    "between": "{0}が決められた範囲内",
    "freshness": "{0}が新しい",
    "has_values": "{0}に値がある",
}
# What a reference without its column (``leads.unique``) names: the rule on every column it is declared on.
_RULE_NOUNS = {
    "unique": "重複",
    "not_null": "空欄",
    "allowed_values": "値の種類",
    "not_in_future": "未来日時",
    "ordered": "日時の順序",
    "references": "参照先",
    "finite": "数値",
    "between": "値の範囲",
    "freshness": "鮮度",
    "has_values": "値の有無",
    "row_count": "行数",
}
_ASIDE = re.compile(r"\s*[((][^()()]*[))]\s*$")


def sla_clause_words(clause: str) -> str:
    """``mql.criteria`` → 「MQL の定義の条件」; an unknown field keeps its own name."""
    return field_path_words("sla", clause.split("."))[0] if clause else ""


def data_check_words(ref: str, project: Project) -> str:
    """``leads.unique.lead_id`` → 「リードのリードIDに重複がない」; ``kpi:cpl`` → 「CPL の KPI チェック」.

    A reference of another shape is shown as typed (rule CHK001 reports the unresolved ones).
    """
    if ref.startswith("kpi:"):
        loaded = project.kpi(ref.removeprefix("kpi:"))
        return f"{loaded.spec.name}の KPI チェック" if loaded else ref
    table_id, _, rest = ref.partition(".")
    rule, _, columns = rest.partition(".")
    table = project.table(table_id)
    noun = TABLE_NOUNS.get(table_id, table_id)
    if table is None or not rule:
        return ref
    phrase = _RULE_PHRASES.get(rule)
    if phrase is None or not columns:
        return f"{noun}の{_RULE_NOUNS.get(rule, f' {rule} ')}チェック"
    names = [_column_words(table, column) for column in columns.split(".")]
    sentence = phrase.format(*names, *names)
    # 「行動の種類」 already says whose it is: no 「行動の行動の種類」.
    return sentence if sentence.startswith(f"{noun}の") else f"{noun}の{sentence}"


def _column_words(table: Table, column_name: str) -> str:
    """A column's description without its aside: 「MQL になった日時(MA の記録)」 → 「MQL になった日時」."""
    column = table.column(column_name)
    return _ASIDE.sub("", column.description) if column else column_name


def check_id_words(check_id: str, project: Project) -> str:
    """A check result's id in words: ``table:leads:unique:lead_id`` → 「リードのリードIDに重複がない」,
    ``kpi:cpl:between`` → 「CPL の KPI チェック(between)」."""
    parts = check_id.partition("#")[0].split(":")
    if parts[0] == "table" and len(parts) > 2:
        return data_check_words(".".join(parts[1:]), project)
    if parts[0] == "kpi" and len(parts) > 1:
        rule = f"({':'.join(parts[2:])})" if len(parts) > 2 else ""
        return data_check_words(f"kpi:{parts[1]}", project) + rule
    return check_id
