"""How a KPI is computed, in plain Japanese: the computation grammar read aloud, never YAML.

e.g. 「MQL→SQL転換率 = (その月にMQLになったリードのうち90日以内にSQLになった数)
÷ (その月にMQLになったリード数)」
"""

from __future__ import annotations

import re

from markupsafe import Markup
from sqlglot import exp

from ..measures.registry import kind_of
from ..model.compute import Compute
from ..model.expressions import ExpressionError, parse_filter
from ..model.kpi import Kpi
from ..model.project import Project
from .formatting import GRAIN_LABELS, code_label
from .links import Links
from .text import md_link, md_text

TABLE_NOUNS = {
    "leads": "リード",
    "activities": "行動",
    "campaigns": "キャンペーン",
    "costs": "費用",
    "handoffs": "引き渡し",
    "deals": "商談",
}
_COMPARISONS: dict[type[exp.Expr], str] = {
    exp.GT: ">",
    exp.GTE: "≥",
    exp.LT: "<",
    exp.LTE: "≤",
}
_EVENT_SUFFIX = re.compile(r"(日時|日)(\s*[((].*)?$")


class FormulaWriter:
    """Writes the readable formula of any KPI of ``project``, linking the KPIs it builds on."""

    def __init__(self, project: Project, links: Links) -> None:
        self.project = project
        self.links = links

    def formula(self, kpi: Kpi) -> Markup:
        return Markup(f"{md_text(kpi.name)} = {self.compute(kpi.compute, kpi)}")

    def compute(self, compute: Compute, kpi: Kpi) -> Markup:
        """The computation read aloud by its measure kind (``generator/measures/``)."""
        return kind_of(compute).formula(self, compute, kpi, GRAIN_LABELS[kpi.grain])

    # --- the vocabulary a kind's formula is written in (measures.kind.Phrases) ---------------------

    def noun(self, table_id: str) -> str:
        return TABLE_NOUNS.get(table_id, table_id)

    def kpi_name(self, kpi_id: str) -> Markup:
        other = self.project.kpi(kpi_id)
        if other is None:
            return md_text(kpi_id)
        return md_link(other.spec.name, self.links.kpi(kpi_id))

    def sla(self, sla_id: str) -> Markup:
        sla = self.project.sla(sla_id)
        return md_link(sla.spec.name if sla else sla_id, self.links.sla(sla_id))

    def column(self, table_id: str, column_name: str) -> Markup:
        table = self.project.table(table_id)
        column = table.column(column_name) if table else None
        return md_text(column.description if column else column_name)

    def _column_in(self, tables: tuple[str, ...], column_name: str) -> Markup:
        for table_id in tables:
            table = self.project.table(table_id)
            if table is not None and table.column(column_name) is not None:
                return self.column(table_id, column_name)
        return md_text(column_name)

    def event(self, table_id: str, column_name: str) -> Markup:
        """「MQL になった日時(MA の記録)」 → 「MQL になった」: the column read as the event it records."""
        description = str(self.column(table_id, column_name))
        phrase = _EVENT_SUFFIX.sub("", description).strip() or description
        if phrase.endswith("た"):
            return Markup(phrase)
        if phrase.endswith("し"):
            return Markup(f"{phrase[:-1]}した")
        return Markup(f"{phrase}した")

    def row_filter(self, table_id: str, text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(f"のうち、{self.condition((table_id,), text)}のもの")

    def condition(self, tables: tuple[str, ...], text: str) -> Markup:
        """A row filter read in Japanese, columns named by their descriptions in ``tables``."""
        try:
            tree = parse_filter(text).tree
        except ExpressionError:
            return md_text(text)
        return self._condition(tables, tree)

    def _condition(self, tables: tuple[str, ...], node: exp.Expr) -> Markup:
        if isinstance(node, exp.Paren):
            return Markup(f"({self._condition(tables, node.this)})")
        if isinstance(node, exp.And | exp.Or):
            word = "かつ" if isinstance(node, exp.And) else "または"
            left = self._condition(tables, node.left)
            return Markup(f"{left} {word} {self._condition(tables, node.right)}")
        if isinstance(node, exp.Not):
            inner = node.this.this if isinstance(node.this, exp.Paren) else node.this
            if isinstance(inner, exp.Is):
                return Markup(f"「{self._value(tables, inner.this)}」が空でない")
            if isinstance(inner, exp.Column):
                return Markup(f"「{self._column_in(tables, inner.name)}」が「いいえ」")
            if isinstance(inner, exp.In):
                values = "・".join(str(self._value(tables, v)) for v in inner.expressions)
                return Markup(f"「{self._value(tables, inner.this)}」が {values} のいずれでもない")
            return Markup(f"({self._condition(tables, inner)})でない")
        if isinstance(node, exp.Column):
            return Markup(f"「{self._column_in(tables, node.name)}」が「はい」")
        if isinstance(node, exp.Is):
            return Markup(f"「{self._value(tables, node.this)}」が空")
        if isinstance(node, exp.In):
            values = "・".join(str(self._value(tables, v)) for v in node.expressions)
            return Markup(f"「{self._value(tables, node.this)}」が {values} のいずれか")
        if isinstance(node, exp.Between):
            low, high = self._value(tables, node.args["low"]), self._value(tables, node.args["high"])
            return Markup(f"「{self._value(tables, node.this)}」が {low}〜{high}")
        if isinstance(node, exp.EQ | exp.NEQ):
            tail = "" if isinstance(node, exp.EQ) else " 以外"
            return Markup(f"「{self._value(tables, node.left)}」が {self._value(tables, node.right)}{tail}")
        if isinstance(node, exp.Binary) and type(node) in _COMPARISONS:
            symbol = _COMPARISONS[type(node)]
            return Markup(f"「{self._value(tables, node.left)}」{symbol} {self._value(tables, node.right)}")
        return md_text(node.sql())

    def _value(self, tables: tuple[str, ...], node: exp.Expr) -> Markup:
        if isinstance(node, exp.Column):
            return self._column_in(tables, node.name)
        if isinstance(node, exp.Neg):
            return Markup(f"-{self._value(tables, node.this)}")
        if isinstance(node, exp.Boolean):
            return Markup("「はい」" if node.this else "「いいえ」")
        if isinstance(node, exp.Literal) and node.is_string:
            label = code_label(node.this)
            return md_text(node.this if label == node.this else f"{label}({node.this})")
        return md_text(node.this if isinstance(node, exp.Literal) else node.sql())
