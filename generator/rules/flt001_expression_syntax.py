"""FLT001 expression-syntax."""

from __future__ import annotations

from collections.abc import Iterable

from ..excerpt import excerpt
from ..model.compute import Derived
from ..model.expressions import ExpressionError, parse_arithmetic, parse_filter
from ..model.issue import Issue
from ..model.project import Project
from .base import Rule
from .uses import filter_sites


class ExpressionSyntax(Rule):
    """Filters and derived expressions parse and use only what is allowed: comparisons, ``and``/``or``/
    ``not``, ``in``, ``between``, ``is null`` in filters; numbers, names, ``+ - * /`` in derived
    expressions. No functions, subqueries, ``;`` or ``table.column``.

    Bad::

        filter: lower(channel) = 'webinar'

    Good::

        filter: channel = 'webinar'
    """

    code = "FLT001"
    name = "expression-syntax"
    title_ja = "条件式の書き方"
    summary_ja = (
        "絞り込み条件と派生式は決められた書き方だけを使うこと(比較、and/or/not、in、between、is nul"
        "l、数値と四則演算)。関数・サブクエリ・「;」・「テーブル.列」は使えません。"
    )

    def check(self, project: Project) -> Iterable[Issue]:
        for site in filter_sites(project):
            try:
                parse_filter(site.text)
            except ExpressionError as error:
                yield self.issue(
                    site.owner.at(*site.path),
                    f"フィルタ「{excerpt(site.text)}」: {error.message_ja}"
                    " — 例: channel = 'webinar' and not is_machine_open の形で書いてください",
                    f"filter '{excerpt(site.text)}': {error.message_en}"
                    " — write it like channel = 'webinar' and not is_machine_open",
                )
        for kpi in project.kpis:
            compute = kpi.spec.compute
            if not isinstance(compute, Derived):
                continue
            try:
                parse_arithmetic(compute.expression)
            except ExpressionError as error:
                yield self.issue(
                    kpi.at("compute", "expression"),
                    f"計算式「{excerpt(compute.expression)}」: {error.message_ja}"
                    " — 例: (gross_profit - spend) / spend * 100 の形で書いてください",
                    f"expression '{excerpt(compute.expression)}': {error.message_en}"
                    " — write it like (gross_profit - spend) / spend * 100",
                )
