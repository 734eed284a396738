"""Site browsing after a touch: the touch days followed by enough page views, found by a bucketed join.

The semantics (counted in days, page views up to the as-of day) are stated in ``engagement``, which
joins these days onto its per-(lead, period) rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlglot import exp

from ..model.compute import BrowsingAfterTouch
from .activity_types import ACTIVITIES, DELIVERED, PAGE_VIEW, type_is
from .lead_keys import LEAD_KEY
from .scope import Scope
from .sqlparts import as_date, col, count_if, date, in_range, number


def browsed_days(name: str, spec: BrowsingAfterTouch, scopes: Sequence[Scope]) -> list[tuple[str, exp.Query]]:
    """``name``: the (lead, day) touches followed by enough page views, and the CTEs it reads.

    A touch day T looks at days T … T + d. Days are cut into buckets of d + 1 days, so that window
    always lies in T's bucket or the next one: an equality join on (lead, bucket) with a range filter
    finds the page views, with no sort of every lead's days. Only the touch days that reach the page
    views threshold come out of that join.
    """
    first_start = min(scope.start for scope in scopes)
    last_end = max(scope.end for scope in scopes)
    horizon = max(scope.horizon for scope in scopes)
    width = spec.within_days + 1
    day = as_date(col("occurred_at"))
    day_number = exp.Sub(this=day.copy(), expression=date(dt.date(1970, 1, 1)))
    # Each delivery twice, in its day's bucket and the next: one read of the activities (a CTE
    # read twice would be materialised: 37M rows at scale 100).
    shift = exp.to_identifier("shift")
    touch_buckets = (
        exp.select(
            col(LEAD_KEY),
            exp.alias_(day, "day", quoted=True),
            exp.alias_(day_number.copy(), "day_number", quoted=True),
            exp.alias_(
                exp.Add(this=_bucket(day_number.copy(), width), expression=col("shift", "k")), "bucket"
            ),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .join(
            exp.Values(
                expressions=[exp.Tuple(expressions=[number(k)]) for k in (0, 1)],
                alias=exp.TableAlias(this=exp.to_identifier("k"), columns=[shift]),
            ),
            join_type="cross",
            copy=False,
        )
        .where(exp.and_(type_is(DELIVERED), in_range(col("occurred_at"), first_start, last_end)), copy=False)
    )
    view_days = (
        exp.select(
            col(LEAD_KEY),
            exp.alias_(day_number.copy(), "day_number", quoted=True),
            exp.alias_(_bucket(day_number.copy(), width), "bucket", quoted=True),
            exp.alias_(count_if(None), "page_views", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .where(exp.and_(type_is(PAGE_VIEW), in_range(col("occurred_at"), first_start, horizon)), copy=False)
        .group_by(number(1), number(2), number(3), copy=False)
    )
    seen = exp.and_(
        exp.EQ(this=col(LEAD_KEY, "v"), expression=col(LEAD_KEY, "t")),
        exp.EQ(this=col("bucket", "v"), expression=col("bucket", "t")),
        exp.Between(
            this=col("day_number", "v"),
            low=col("day_number", "t"),
            high=exp.Add(this=col("day_number", "t"), expression=number(spec.within_days)),
        ),
    )
    # Each (touch day, view day) pair once, however many deliveries the lead got that day.
    pairs = (
        exp.select(
            exp.alias_(col(LEAD_KEY, "t"), LEAD_KEY, quoted=True),
            exp.alias_(col("day", "t"), "day", quoted=True),
            exp.alias_(col("day_number", "v"), "view_day", quoted=True),
            exp.alias_(col("page_views", "v"), "page_views", quoted=True),
            copy=False,
        )
        .distinct()
        .from_(exp.to_table(f"touch_buckets_{name}").as_("t"), copy=False)
        .join(exp.to_table(f"view_days_{name}").as_("v"), on=seen, copy=False)
    )
    browsed = (
        exp.select(col(LEAD_KEY), col("day"), copy=False)
        .from_(pairs.subquery("pairs"), copy=False)
        .group_by(number(1), number(2), copy=False)
        .having(exp.GTE(this=exp.Sum(this=col("page_views")), expression=number(spec.page_views_at_least)))
    )
    return [(f"touch_buckets_{name}", touch_buckets), (f"view_days_{name}", view_days), (name, browsed)]


def _bucket(day_number: exp.Expr, width: int) -> exp.Expr:
    """``FLOOR(day_number / width)`` with a decimal divisor: integer division rules differ by dialect."""
    return exp.Floor(
        this=exp.Div(this=exp.Paren(this=day_number), expression=exp.Literal.number(f"{width}.0"))
    )
