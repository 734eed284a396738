"""Per-(lead, period) rows of the engagement measures, and every scope's rate from them.

Each distinct period layout (a scope without its segment split) becomes one row per touched lead and
period with a 0/1 flag per measure (several measures share the rows). A layout whose periods are
unions of a monthly layout's periods (a fiscal quarter, a fiscal year, the trailing twelve months)
is rolled up from the monthly rows — a few million rows instead of every delivery — as the measure
says how hits combine:

- ``latest``: the hit of the lead's latest touched month in the period (continuous response judges
  the lead at its latest delivery in the period, which lies in that month);
- ``any``: a hit in any month of the period (site browsing: any touch of the period was followed by
  enough page views).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlglot import exp

from ..model.periods import period_start
from .lead_keys import LEAD_KEY, LEADS
from .scope import DIMENSION_COLUMNS, Scope, group_by_positions
from .sqlparts import PERIOD, SEGMENT, col, count_if, date, number

SCOPE_INDEX = "scope_index"
RollUp = Literal["latest", "any"]
# Grains whose periods are unions of the periods of every grain ranked before them.
_NESTING = {"month": 0, "quarter": 1, "fiscal_year": 2, "window": 3}


@dataclass(frozen=True)
class Hit:
    """One measure's 0/1 flag in the per-(lead, period) rows, and how months combine into longer periods.

    ``touched`` names a 0/1 column: where set, a lead-period counts for this measure only when it is 1
    (continuous response counts leads that got a delivery of a send; site browsing, any delivery).
    """

    column: str
    roll_up: RollUp
    touched: str | None = None


def scoped_union(
    requests: Sequence[tuple[Hit, Sequence[Scope]]],
    grouped: Callable[[Scope], exp.Query],
    columns: Sequence[str],
) -> tuple[exp.Query, list[tuple[str, exp.Query]]]:
    """Every requested scope's ``scope_index, period_start, segment, denominator, numerator``, and the CTEs.

    ``grouped(layout)`` gives ``lead_key, period_start`` and the 0/1 ``columns`` (every hit and touched
    flag) per lead and period of a layout from the event rows. Scopes are numbered in request order.
    The segment scopes of one quarter share its rows, and only those rows are joined to the leads,
    once for every dimension the scopes split by.
    """
    scoped = [(hit, scope) for hit, scopes in requests for scope in scopes]
    layouts = list(dict.fromkeys(_layout(scope) for _hit, scope in scoped))
    names = {layout: f"lead_periods_{index}" for index, layout in enumerate(layouts)}
    rolled = {hit.column: hit for hit, _scopes in requests}
    ctes: list[tuple[str, exp.Query]] = []
    derived: list[tuple[str, exp.Query]] = []
    for layout in layouts:
        finer = next((other for other in layouts if nests(other, layout)), None)
        if finer is None:
            ctes.append((names[layout], grouped(layout)))
        else:
            derived.append((names[layout], _rolled_up(layout, names[finer], columns, rolled)))
    segmented: dict[Scope, set[str]] = {}
    for _hit, scope in scoped:
        if scope.dimension is not None:
            segmented.setdefault(_layout(scope), set()).add(scope.dimension)
    for layout, dimensions in segmented.items():
        read = [LEAD_KEY, PERIOD, *columns]
        derived.append((_segmented(names[layout]), _with_segments(names[layout], read, sorted(dimensions))))
    branches = [
        _rate_branch(index, scope, names[_layout(scope)], hit) for index, (hit, scope) in enumerate(scoped)
    ]
    return _union(branches), ctes + derived


def _layout(scope: Scope) -> Scope:
    return dataclasses.replace(scope, dimension=None)


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


def flag(condition: exp.Expr) -> exp.Expr:
    """1 where ``condition`` holds, else 0 (also when it is NULL)."""
    return exp.Case(ifs=[exp.If(this=condition, true=number(1))], default=number(0))


def _rolled_up(layout: Scope, monthly: str, columns: Sequence[str], hits: Mapping[str, Hit]) -> exp.Select:
    """The per-(lead, period) rows of ``layout`` from the monthly rows of the months in its periods."""
    first, after = layout.start.date(), layout.end.date()
    return (
        exp.select(
            col(LEAD_KEY),
            exp.alias_(layout.period_key(col(PERIOD)), PERIOD, quoted=True),
            *[exp.alias_(_combined(name, hits.get(name)), name, quoted=True) for name in columns],
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


def _combined(name: str, hit: Hit | None) -> exp.Expr:
    """A flag over the months of a period: any month's (touched flags too), or the latest touched month's."""
    if hit is None or hit.roll_up == "any":
        return exp.Max(this=col(name))
    # The latest month with a hit is the latest touched month: MAX(CASE …) = MAX(…), NULL when no
    # month hit (then the CASE gives 0).
    latest_hit = _latest_month(exp.EQ(this=col(name), expression=number(1)))
    latest_touch = (
        _latest_month(exp.EQ(this=col(hit.touched), expression=number(1)))
        if hit.touched
        else exp.Max(this=col(PERIOD))
    )
    return flag(exp.EQ(this=latest_hit, expression=latest_touch))


def _latest_month(condition: exp.Expr) -> exp.Expr:
    return exp.Max(this=exp.Case(ifs=[exp.If(this=condition, true=col(PERIOD))]))


def _segmented(lead_periods: str) -> str:
    return f"{lead_periods}_segments"


def _segment_column(dimension: str) -> str:
    return f"segment_{dimension}"


def _with_segments(lead_periods: str, columns: Sequence[str], dimensions: Sequence[str]) -> exp.Select:
    """The per-(lead, period) rows with each lead's attribute of every dimension (one join)."""
    picked: list[exp.Expr] = [col(name, "t") for name in columns]
    picked += [
        exp.alias_(col(DIMENSION_COLUMNS[dimension], "l"), _segment_column(dimension), quoted=True)
        for dimension in dimensions
    ]
    return (
        exp.select(*picked, copy=False)
        .from_(exp.to_table(lead_periods).as_("t"), copy=False)
        .join(
            exp.to_table(LEADS).as_("l"),
            on=exp.EQ(this=col(LEAD_KEY, "t"), expression=col(LEAD_KEY, "l")),
            join_type="left",
            copy=False,
        )
    )


def _rate_branch(index: int, scope: Scope, lead_periods: str, hit: Hit) -> exp.Select:
    """One scope's touched leads (denominator) and hits (numerator) per period (and segment)."""
    segment: exp.Expr = exp.Cast(this=exp.null(), to=exp.DataType.build(exp.DType.VARCHAR))
    source = lead_periods
    if scope.dimension is not None:
        segment, source = col(_segment_column(scope.dimension)), _segmented(lead_periods)
    branch = (
        exp.select(
            exp.alias_(number(index), SCOPE_INDEX),
            col(PERIOD),
            exp.alias_(segment, SEGMENT, quoted=True),
            exp.alias_(count_if(None), "denominator"),
            exp.alias_(exp.Sum(this=col(hit.column)), "numerator"),
            copy=False,
        )
        .from_(exp.to_table(source), copy=False)
        .group_by(*[number(i + 2) for i in range(len(group_by_positions(scope)))], copy=False)
    )
    if hit.touched:
        branch = branch.where(exp.EQ(this=col(hit.touched), expression=number(1)), copy=False)
    return branch


def _union(branches: Sequence[exp.Select]) -> exp.Query:
    query: exp.Query = branches[0]
    for branch in branches[1:]:
        query = exp.union(query, branch, distinct=False)
    return query
