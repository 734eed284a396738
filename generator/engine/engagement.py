"""Engagement measures over email touches: continuous response rate and site browsing after a touch.

A *touch* is an email delivery (``email_delivered``), so bounced sends are not touches.

Continuous response (継続反応率): a lead is *touched in a period* when it received a delivery in it.
Its last ``touches`` deliveries up to its latest delivery in the period (reaching back before the
period) are checked; a delivery was *responded* when the lead opened (machine opens excluded when
``exclude_machine_opens``) or clicked that same send (``send_id``) at any time up to the as-of day.
The rate is the share of touched leads with at least ``responded_at_least`` responded deliveries.
Leads with fewer than ``touches`` deliveries so far stay in the denominator (they can still qualify).

Site browsing after a touch (ウェブ回遊率): counted in days. Of the leads touched in a period, the
share with at least ``page_views_at_least`` page views on the day of one of those touches or the
``within_days`` days after it (page views up to the as-of day).
"""

from __future__ import annotations

from sqlglot import exp

from ..model.compute import BrowsingAfterTouch, ContinuousResponse
from .aggregates import Fetch
from .cohorts import ratio_cells
from .scope import Cells, Scope, group_by_positions, group_keys, lead_segment_source
from .sqlparts import (
    as_date,
    col,
    count_distinct_if,
    count_if,
    in_range,
    is_not_null,
    number,
    string,
    timestamp,
    truthy,
    when,
)

ACTIVITIES = "activities"
DELIVERED, OPEN, CLICK, PAGE_VIEW = "email_delivered", "email_open", "email_click", "page_view"


def _type_is(*kinds: str) -> exp.Expr:
    if len(kinds) == 1:
        return exp.EQ(this=col("type"), expression=string(kinds[0]))
    return exp.In(this=col("type"), expressions=[string(k) for k in kinds])


def continuous_response_query(spec: ContinuousResponse, scope: Scope) -> exp.Select:
    opened = _type_is(OPEN)
    if spec.exclude_machine_opens:
        opened = exp.and_(opened, exp.Not(this=truthy(col("is_machine_open"))))
    responded = exp.or_(_type_is(CLICK), opened)
    sends = (
        exp.select(
            col("lead_id"),
            col("send_id"),
            exp.alias_(exp.Min(this=when(_type_is(DELIVERED), col("occurred_at"))), "delivered_at"),
            exp.alias_(
                exp.Max(this=exp.Case(ifs=[exp.If(this=responded, true=number(1))], default=number(0))),
                "responded",
            ),
        )
        .from_(ACTIVITIES)
        .where(
            exp.and_(
                is_not_null(col("send_id")),
                _type_is(DELIVERED, OPEN, CLICK),
                exp.LT(this=col("occurred_at"), expression=timestamp(scope.horizon)),
            )
        )
        .group_by(col("lead_id"), col("send_id"))
    )
    in_time_order = exp.Order(
        expressions=[exp.Ordered(this=col("delivered_at")), exp.Ordered(this=col("send_id"))]
    )
    recent = exp.Window(
        this=exp.Sum(this=col("responded")),
        partition_by=[col("lead_id")],
        order=in_time_order,
        spec=exp.WindowSpec(
            kind="ROWS", start=number(spec.touches - 1), start_side="PRECEDING", end="CURRENT ROW"
        ),
    )
    latest_first = exp.Order(
        expressions=[
            exp.Ordered(this=col("delivered_at"), desc=True),
            exp.Ordered(this=col("send_id"), desc=True),
        ]
    )
    rank = exp.Window(
        this=exp.RowNumber(),
        partition_by=[col("lead_id"), scope.period_key(col("delivered_at"))],
        order=latest_first,
    )
    rolling = (
        exp.select(
            col("lead_id"), col("delivered_at"), exp.alias_(recent, "recent"), exp.alias_(rank, "latest")
        )
        .from_("sends")
        .where(
            exp.and_(
                is_not_null(col("delivered_at")),
                exp.LT(this=col("delivered_at"), expression=timestamp(scope.end)),
            )
        )
    )
    qualified = exp.GTE(this=col("recent"), expression=number(spec.responded_at_least))
    touched = exp.and_(
        exp.EQ(this=col("latest"), expression=number(1)),
        in_range(col("delivered_at"), scope.start, scope.end),
    )
    return (
        exp.select(
            *group_keys(col("delivered_at"), scope),
            exp.alias_(count_if(None), "denominator"),
            exp.alias_(count_if(qualified), "numerator"),
        )
        .from_(
            lead_segment_source(
                exp.to_table("rolling"), ["lead_id", "delivered_at", "recent", "latest"], scope
            )
        )
        .where(touched)
        .group_by(*group_by_positions(scope))
        .with_("sends", as_=sends)
        .with_("rolling", as_=rolling)
    )


def browsing_after_touch_query(spec: BrowsingAfterTouch, scope: Scope) -> exp.Select:
    day = as_date(col("occurred_at"))
    lead_days = (
        exp.select(
            col("lead_id"),
            exp.alias_(day, "day"),
            exp.alias_(count_if(_type_is(DELIVERED)), "touches"),
            exp.alias_(count_if(_type_is(PAGE_VIEW)), "page_views"),
        )
        .from_(ACTIVITIES)
        .where(
            exp.and_(
                _type_is(DELIVERED, PAGE_VIEW),
                in_range(col("occurred_at"), scope.start, scope.horizon),
            )
        )
        .group_by(exp.Literal.number(1), exp.Literal.number(2))
    )
    # An integer day number lets the window frame say "this day and the next d days" on every backend.
    day_number = exp.Sub(this=col("day"), expression=as_date(string("1970-01-01")))
    views_after = exp.Window(
        this=exp.Sum(this=col("page_views")),
        partition_by=[col("lead_id")],
        order=exp.Order(expressions=[exp.Ordered(this=day_number)]),
        spec=exp.WindowSpec(
            kind="RANGE", start="CURRENT ROW", end=number(spec.within_days), end_side="FOLLOWING"
        ),
    )
    windowed = exp.select(
        col("lead_id"), col("day"), col("touches"), exp.alias_(views_after, "views_after")
    ).from_("lead_days")
    browsed = exp.GTE(this=col("views_after"), expression=number(spec.page_views_at_least))
    moment = exp.Cast(this=col("day"), to=exp.DataType.build("timestamp"))
    touched = exp.and_(
        exp.GT(this=col("touches"), expression=number(0)), in_range(moment.copy(), scope.start, scope.end)
    )
    return (
        exp.select(
            *group_keys(moment, scope),
            exp.alias_(count_distinct_if(col("lead_id"), None), "denominator"),
            exp.alias_(count_distinct_if(col("lead_id"), browsed), "numerator"),
        )
        .from_(
            lead_segment_source(exp.to_table("windowed"), ["lead_id", "day", "touches", "views_after"], scope)
        )
        .where(touched)
        .group_by(*group_by_positions(scope))
        .with_("lead_days", as_=lead_days)
        .with_("windowed", as_=windowed)
    )


def measure_continuous_response(fetch: Fetch, spec: ContinuousResponse, scope: Scope) -> Cells:
    return ratio_cells(fetch(continuous_response_query(spec, scope)), scope)


def measure_browsing_after_touch(fetch: Fetch, spec: BrowsingAfterTouch, scope: Scope) -> Cells:
    return ratio_cells(fetch(browsing_after_touch_query(spec, scope)), scope)
