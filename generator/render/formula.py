"""How a KPI is computed, in plain Japanese: the computation grammar read aloud, never YAML.

e.g. 「MQL→SQL転換率 = (その月にMQLになったリードのうち90日以内にSQLになった数)
÷ (その月にMQLになったリード数)」
"""

from __future__ import annotations

import re

from markupsafe import Markup
from sqlglot import exp

from ..model.compute import (
    BrowsingAfterTouch,
    Compute,
    ContinuousResponse,
    Conversion,
    Count,
    Derived,
    Duration,
    KpiRef,
    Operand,
    Ratio,
    ScoreAtLeast,
    SlaCompliance,
    Sum,
)
from ..model.expressions import ExpressionError, parse_arithmetic, parse_filter
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
STATISTIC_LABELS = {"median": "中央値", "p90": "90パーセンタイル", "mean": "平均"}
DURATION_UNITS = {"days": "日", "hours": "時間", "business_hours": "営業時間"}
_ARITHMETIC: dict[type[exp.Expr], str] = {exp.Add: "+", exp.Sub: "-", exp.Mul: "×", exp.Div: "÷"}
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
        grain = GRAIN_LABELS[kpi.grain]
        if isinstance(compute, Count | Sum | KpiRef):
            return self.operand(compute, grain)
        if isinstance(compute, Ratio):
            return self._ratio(compute, grain)
        if isinstance(compute, Conversion):
            return self._conversion(compute, grain)
        if isinstance(compute, Derived):
            return self._derived(compute, kpi)
        if isinstance(compute, Duration):
            return self._duration(compute, grain)
        if isinstance(compute, ContinuousResponse):
            return self._continuous(compute, grain)
        if isinstance(compute, BrowsingAfterTouch):
            return Markup(
                f"(その{grain}にメール等で接触したリードのうち、接触後{compute.within_days}日以内に"
                f"{compute.page_views_at_least}ページ以上閲覧した数) ÷ (その{grain}に接触したリード数)"
            )
        if isinstance(compute, SlaCompliance):
            return Markup(
                f"(その{grain}の引き渡しのうち、{self._sla(compute.sla)}の対応期限内に IS が初回接触した数)"
                f" ÷ (その{grain}の引き渡し数)"
            )
        return self._score(compute, grain)

    def operand(self, operand: Operand, grain: str) -> Markup:
        if isinstance(operand, KpiRef):
            return self._kpi_name(operand.kpi)
        noun = TABLE_NOUNS.get(operand.table, operand.table)
        when = f"その{grain}に{self._event(operand.table, operand.time)}"
        condition = self._filter(operand.table, operand.filter)
        if isinstance(operand, Sum):
            column = self._column(operand.table, operand.column)
            return Markup(f"({when}{noun}{condition}の「{column}」の合計)")
        if operand.distinct:
            distinct = self._column(operand.table, operand.distinct)
            return Markup(f"({when}{noun}{condition}の「{distinct}」の種類数)")
        return Markup(f"({when}{noun}{condition}の数)")

    def _ratio(self, ratio: Ratio, grain: str) -> Markup:
        text = f"{self.operand(ratio.numerator, grain)} ÷ {self.operand(ratio.denominator, grain)}"
        if ratio.scale != 1:
            text += f" × {ratio.scale:g}"
        return Markup(text)

    def _conversion(self, conversion: Conversion, grain: str) -> Markup:
        noun = TABLE_NOUNS.get(conversion.table, conversion.table)
        cohort = self._event(conversion.table, conversion.cohort)
        converted = self._event(conversion.table, conversion.converted)
        condition = self._filter(conversion.table, conversion.filter)
        entered = f"その{grain}に{cohort}{noun}{condition}"
        return Markup(f"({entered}のうち{conversion.window_days}日以内に{converted}数) ÷ ({entered}数)")

    def _derived(self, derived: Derived, kpi: Kpi) -> Markup:
        try:
            tree = parse_arithmetic(derived.expression).tree
        except ExpressionError:
            return md_text(derived.expression)
        return self._arithmetic(tree, kpi)

    def _arithmetic(self, node: exp.Expr, kpi: Kpi) -> Markup:
        if isinstance(node, exp.Paren):
            return Markup(f"({self._arithmetic(node.this, kpi)})")
        if isinstance(node, exp.Neg):
            return Markup(f"-{self._arithmetic(node.this, kpi)}")
        if isinstance(node, exp.Literal):
            return md_text(node.this)
        if isinstance(node, exp.Column):
            if node.name in kpi.params:
                return md_text(f"{kpi.params[node.name]:g}")
            return self._kpi_name(node.name)
        if not isinstance(node, exp.Binary):
            return md_text(node.sql())
        symbol = _ARITHMETIC.get(type(node), "?")
        return Markup(f"{self._arithmetic(node.left, kpi)} {symbol} {self._arithmetic(node.right, kpi)}")

    def _duration(self, duration: Duration, grain: str) -> Markup:
        start = self._column(duration.table, duration.start)
        end = self._column(duration.table, duration.end)
        noun = TABLE_NOUNS.get(duration.table, duration.table)
        condition = self._filter(duration.table, duration.filter)
        unit = DURATION_UNITS[duration.unit]
        calendar = f"({self._sla(duration.calendar)}の営業日カレンダー)" if duration.calendar else ""
        return Markup(
            f"その{grain}に{self._event(duration.table, duration.end)}{noun}{condition}について、"
            f"「{start}」から「{end}」までの{unit}{calendar}の{STATISTIC_LABELS[duration.statistic]}"
        )

    def _continuous(self, compute: ContinuousResponse, grain: str) -> Markup:
        machine = "(機械的な開封は反応に数えない)" if compute.exclude_machine_opens else ""
        return Markup(
            f"(その{grain}末時点で、直近{compute.touches}回の接触のうち{compute.responded_at_least}回以上"
            f"反応したリード数{machine}) ÷ (直近に接触を受けたリード数)"
        )

    def _score(self, compute: ScoreAtLeast, grain: str) -> Markup:
        sla = self.project.sla(compute.sla)
        threshold = f"{sla.spec.scoring.threshold}点" if sla else "閾値"
        return Markup(
            f"その{grain}に{self._sla(compute.sla)}のスコアリング規則でスコアが{threshold}以上になったリード数"
        )

    def _kpi_name(self, kpi_id: str) -> Markup:
        other = self.project.kpi(kpi_id)
        if other is None:
            return md_text(kpi_id)
        return md_link(other.spec.name, self.links.kpi(kpi_id))

    def _sla(self, sla_id: str) -> Markup:
        sla = self.project.sla(sla_id)
        return md_link(sla.spec.name if sla else sla_id, self.links.sla(sla_id))

    def _column(self, table_id: str, column_name: str) -> Markup:
        table = self.project.table(table_id)
        column = table.column(column_name) if table else None
        return md_text(column.description if column else column_name)

    def _column_in(self, tables: tuple[str, ...], column_name: str) -> Markup:
        for table_id in tables:
            table = self.project.table(table_id)
            if table is not None and table.column(column_name) is not None:
                return self._column(table_id, column_name)
        return md_text(column_name)

    def _event(self, table_id: str, column_name: str) -> Markup:
        """「MQL になった日時(MA の記録)」 → 「MQL になった」: the column read as the event it records."""
        description = str(self._column(table_id, column_name))
        phrase = _EVENT_SUFFIX.sub("", description).strip() or description
        if phrase.endswith("た"):
            return Markup(phrase)
        if phrase.endswith("し"):
            return Markup(f"{phrase[:-1]}した")
        return Markup(f"{phrase}した")

    def _filter(self, table_id: str, text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(f"(条件: {self.condition((table_id,), text)})")

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
                return Markup(f"「{self._column_in(tables, inner.name)}」が偽")
            if isinstance(inner, exp.In):
                values = "・".join(str(self._value(tables, v)) for v in inner.expressions)
                return Markup(f"「{self._value(tables, inner.this)}」が {values} のいずれでもない")
            return Markup(f"({self._condition(tables, inner)})でない")
        if isinstance(node, exp.Column):
            return Markup(f"「{self._column_in(tables, node.name)}」が真")
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
            return Markup("真" if node.this else "偽")
        if isinstance(node, exp.Literal) and node.is_string:
            label = code_label(node.this)
            return md_text(node.this if label == node.this else f"{label}({node.this})")
        return md_text(node.this if isinstance(node, exp.Literal) else node.sql())
