"""TXT002 typed-figure."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from ..model.text_refs import without_references
from .base import Rule
from .texts import prose_fields

_DIGITS = "0-9０-９"
_NUMBER = rf"[{_DIGITS}]+(?:[,，][{_DIGITS}]{{3}})*(?:[.．][{_DIGITS}]+)?"
# Longest first: 「500万円」 is one figure, 「10営業日」 a day count like 「10日」.
_UNIT = r"(?:[万億]?(?:件|円)|[%％]|万|億|営業日|日|営業時間|時間|pt|倍|[ヶヵかカケケ箇]月)"
# Not a figure: a number glued to letters or another number (FY2026, W40, 7/10, v1.2), a day of a month
# (4月1日), an ordinal (第3日, 1件目, 2日目). Years and months (2026年4月, 2026年度) carry no unit here.
FIGURE = re.compile(
    rf"(?<![{_DIGITS}A-Za-z_.．,，/／月第-])(?P<figure>{_NUMBER}\s?{_UNIT})(?![目A-Za-z])",
)


def typed_figures(text: str) -> list[str]:
    """The figures with a unit typed into ``text`` (references excluded), in order."""
    return [match.group("figure") for match in FIGURE.finditer(without_references(text))]


class TypedFigure(Rule):
    """A rationale or a review note types no figure with a unit (件, %, 円, 万, 億, 日, 時間, pt, 倍, か月):
    a typed figure goes stale when the data or the target moves. Cite it instead: ``{{kpi_id@2026-08}}``
    prints the value measured in that period, ``{{kpi_id@target}}`` the target in force; the arithmetic
    of the KPI tree is printed above every rationale. Dates (2026年4月) and ordinals (第1, 1件目) are not
    figures. A warning.

    Bad::

        observation: 8月は 21.8% まで下がった(目標 20%)

    Good::

        observation: 8月は {{mql_to_sql_rate@2026-08}} まで下がった(目標 {{mql_to_sql_rate@target}})
    """

    code = "TXT002"
    name = "typed-figure"
    title_ja = "数値を手で書かない"
    summary_ja = (
        "根拠やレビューの文に単位つきの数値(件・%・円・万・億・日・時間など)を手で書く"
        "と古くなります。{{KPI@期間}} や {{KPI@target}} の参照に"
        "すると、ページにはデータから計算した値が出ます。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for field in prose_fields(project):
            figures = typed_figures(field.text)
            if not figures:
                continue
            quoted = "".join(f"「{figure}」" for figure in figures)
            kpi_id = field.kpi.spec.id
            yield self.warning(
                field.location,
                f"{field.label} に数値 {quoted} が直接書かれています — 古くならないよう、計測値は"
                f" {{{{{kpi_id}@2026-08}}}}(期間の値)、目標は {{{{{kpi_id}@target}}}} で参照してください"
                "(ページがデータから表示します)",
                f"{field.label} types the figure(s) {quoted} — they go stale; cite the measured value"
                f" as {{{{{kpi_id}@2026-08}}}} (that period's value) or the target as {{{{{kpi_id}@target}}}}"
                " (the page prints it from the data)",
            )
