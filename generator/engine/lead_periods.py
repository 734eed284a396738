"""Per-(lead, period) rows of the engagement measures, and every scope's rate from them.

Each distinct period layout (a scope without its segment split) becomes one row per touched lead and
period with a ``hit`` flag. A layout whose periods are unions of a monthly layout's periods (a fiscal
quarter, a fiscal year, the trailing twelve months) is rolled up from the monthly rows — a few
million rows instead of every delivery — as the measure says how hits combine:

- ``latest``: the hit of the lead's latest touched month in the period (continuous response judges
  the lead at its latest delivery in the period, which lies in that month);
- ``any``: a hit in any month of the period (site browsing: any touch of the period was followed by
  enough page views).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal

from sqlglot import exp

from .periods import period_start
from .scope import Scope, group_by_positions, lead_segment_source
from .sqlparts import PERIOD, SEGMENT, col, count_if, date, in_range, number

SCOPE_INDEX = "scope_index"
RollUp = Literal["latest", "any"]
# Grains whose periods are unions of the periods of every grain ranked before them.
_NESTING = {"month": 0, "quarter": 1, "fiscal_year": 2, "window": 3}


def scoped_union(
    scopes: Sequence[Scope],
    *,
    relation: str,
    moment: exp.Expr,
    keep: Callable[[Scope], exp.Expr],
    qualified: exp.Expr,
    roll_up: RollUp,
) -> tuple[exp.Query, list[tuple[str, exp.Select]]]:
    """Every scope's ``scope_index, period_start, segment, denominator, numerator``, and the CTEs they read.

    ``relation`` has a row per event at ``moment``; the rows ``keep`` selects for a layout are grouped
    per (lead, period) with ``hit`` = any row ``qualified``. The segment scopes of one quarter share
    its rows, and only those rows are joined to the leads.
    """
    layouts = list(dict.fromkeys(dataclasses.replace(scope, dimension=None) for scope in scopes))
    names = {layout: f"lead_periods_{index}" for index, layout in enumerate(layouts)}
    ctes: list[tuple[str, exp.Select]] = []
    derived: list[tuple[str, exp.Select]] = []
    for layout in layouts:
        finer = next((other for other in layouts if nests(other, layout)), None)
        if finer is None:
            ctes.append((names[layout], _grouped(layout, relation, moment, keep, qualified)))
        else:
            derived.append((names[layout], _rolled_up(layout, names[finer], roll_up)))
    branches = [
        _rate_branch(index, scope, names[dataclasses.replace(scope, dimension=None)])
        for index, scope in enumerate(scopes)
    ]
    return _union(branches), ctes + derived


def nests(fine: Scope, coarse: Scope) -> bool:
    """True when every period of ``coarse`` is a union of whole periods of the monthly ``fine``.

    Months nest in fiscal quarters and years; a window nests when it starts on a month and ends on
    one (or where ``fine`` ends: both stop at the end of the as-of day).
    """
    if fine.grain != "month" or _NESTING.get(coarse.grain, 0) <= _NESTING["month"]:
        return False
    return (
        fine.start <= coarse.start
        and coarse.end <= fine.end
        and _month_boundary(coarse.start)
        and (coarse.end == fine.end or _month_boundary(coarse.end))
        and coarse.end.time() == dt.time()
    )


def _month_boundary(moment: dt.datetime) -> bool:
    return moment.time() == dt.time() and period_start(moment.date(), "month") == moment.date()


def _hit(condition: exp.Expr) -> exp.Expr:
    return exp.Case(ifs=[exp.If(this=condition, true=number(1))], default=number(0))


def _grouped(
    layout: Scope, relation: str, moment: exp.Expr, keep: Callable[[Scope], exp.Expr], qualified: exp.Expr
) -> exp.Select:
    """``lead_id, period_start, hit`` from the event rows themselves."""
    return (
        exp.select(
            col("lead_id"),
            exp.alias_(layout.period_key(moment.copy()), PERIOD, quoted=True),
            exp.alias_(exp.Max(this=_hit(qualified.copy())), "hit", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(relation), copy=False)
        .where(exp.and_(keep(layout), in_range(moment.copy(), layout.start, layout.end)), copy=False)
        .group_by(number(1), number(2), copy=False)
    )


def _rolled_up(layout: Scope, monthly: str, roll_up: RollUp) -> exp.Select:
    """``lead_id, period_start, hit`` of ``layout`` from the monthly rows of the months in its periods."""
    if roll_up == "any":
        hit: exp.Expr = exp.Max(this=col("hit"))
    else:
        # The latest month with a hit is the latest touched month: MAX(CASE …) = MAX(…), NULL when
        # no month hit (then the CASE gives 0).
        latest_hit = exp.Max(
            this=exp.Case(ifs=[exp.If(this=exp.EQ(this=col("hit"), expression=number(1)), true=col(PERIOD))])
        )
        hit = _hit(exp.EQ(this=latest_hit, expression=exp.Max(this=col(PERIOD))))
    first, after = layout.start.date(), layout.end.date()
    return (
        exp.select(
            col("lead_id"),
            exp.alias_(layout.period_key(col(PERIOD)), PERIOD, quoted=True),
            exp.alias_(hit, "hit", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(monthly), copy=False)
        .where(
            exp.and_(
                exp.GTE(this=col(PERIOD), expression=date(first)),
                exp.LT(this=col(PERIOD), expression=date(after)),
            ),
            copy=False,
        )
        .group_by(number(1), number(2), copy=False)
    )


def _rate_branch(index: int, scope: Scope, lead_periods: str) -> exp.Select:
    """One scope's touched leads (denominator) and hits (numerator) per period (and segment)."""
    segment: exp.Expr = (
        col(SEGMENT)
        if scope.dimension
        else exp.Cast(this=exp.null(), to=exp.DataType.build(exp.DType.VARCHAR))
    )
    return (
        exp.select(
            exp.alias_(number(index), SCOPE_INDEX),
            col(PERIOD),
            exp.alias_(segment, SEGMENT, quoted=True),
            exp.alias_(count_if(None), "denominator"),
            exp.alias_(exp.Sum(this=col("hit")), "numerator"),
            copy=False,
        )
        .from_(lead_segment_source(exp.to_table(lead_periods), ["lead_id", PERIOD, "hit"], scope), copy=False)
        .group_by(*[number(i + 2) for i in range(len(group_by_positions(scope)))], copy=False)
    )


def _union(branches: Sequence[exp.Select]) -> exp.Query:
    query: exp.Query = branches[0]
    for branch in branches[1:]:
        query = exp.union(query, branch, distinct=False)
    return query
