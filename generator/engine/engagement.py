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

Both read the activities once per definition, whatever the number of scopes (series, segments,
trailing year): the per-delivery (or per-lead-day) state is a CTE that every scope's branch of a
``UNION ALL`` aggregates, and both DuckDB and PostgreSQL compute a CTE used more than once only once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlglot import exp

from ..model.compute import BrowsingAfterTouch, ContinuousResponse
from .aggregates import Fetch
from .cohorts import ratio_cells
from .lead_periods import SCOPE_INDEX, scoped_union
from .scope import Cells, Scope
from .sqlparts import (
    as_date,
    col,
    count_if,
    date,
    in_range,
    is_not_null,
    number,
    string,
    timestamp,
    truthy,
)

ACTIVITIES = "activities"
DELIVERED, OPEN, CLICK, PAGE_VIEW = "email_delivered", "email_open", "email_click", "page_view"


def _type_is(*kinds: str) -> exp.Expr:
    if len(kinds) == 1:
        return exp.EQ(this=col("type"), expression=string(kinds[0]))
    return exp.In(this=col("type"), expressions=[string(k) for k in kinds])


def _lt(value: exp.Expr, moment: dt.datetime) -> exp.Expr:
    return exp.LT(this=value, expression=timestamp(moment))


def _ordered(*names: str, desc: bool = False) -> exp.Order:
    return exp.Order(expressions=[exp.Ordered(this=col(n), desc=desc) for n in names])


def continuous_response_query(spec: ContinuousResponse, scopes: Sequence[Scope]) -> exp.Query:
    """One query for every scope: the per-delivery rolling state is computed once."""
    horizon = max(scope.horizon for scope in scopes)
    last_end = max(scope.end for scope in scopes)
    opened = _type_is(OPEN)
    if spec.exclude_machine_opens:
        opened = exp.and_(opened, exp.Not(this=truthy(col("is_machine_open"))))
    # Responded sends (a few per lead), then joined onto the deliveries: cheaper than grouping every
    # email row by (lead, send).
    responses = (
        exp.select(col("lead_id"), col("send_id"), copy=False)
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .where(
            exp.and_(
                is_not_null(col("send_id")),
                exp.or_(_type_is(CLICK), opened),
                _lt(col("occurred_at"), horizon),
            ),
            copy=False,
        )
        .group_by(col("lead_id"), col("send_id"), copy=False)
    )
    responded = exp.Case(
        ifs=[exp.If(this=exp.Is(this=col("lead_id", "r"), expression=exp.null()), true=number(0))],
        default=number(1),
    )
    sends = (
        exp.select(
            exp.alias_(col("lead_id", "d"), "lead_id", quoted=True),
            exp.alias_(col("send_id", "d"), "send_id", quoted=True),
            exp.alias_(col("occurred_at", "d"), "delivered_at", quoted=True),
            exp.alias_(responded, "responded", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES).as_("d"), copy=False)
        .join(
            exp.to_table("responses").as_("r"),
            on=exp.and_(
                exp.EQ(this=col("lead_id", "d"), expression=col("lead_id", "r")),
                exp.EQ(this=col("send_id", "d"), expression=col("send_id", "r")),
            ),
            join_type="left",
            copy=False,
        )
        .where(
            exp.and_(
                exp.EQ(this=col("type", "d"), expression=string(DELIVERED)),
                is_not_null(col("send_id", "d")),
                _lt(col("occurred_at", "d"), last_end),
            ),
            copy=False,
        )
    )
    # One sort for both windows. Ties on the same instant are ordered by "responded": tied deliveries with
    # the same flag are interchangeable, so the result is the same on every backend.
    recent = exp.Window(
        this=exp.Sum(this=col("responded")),
        partition_by=[col("lead_id")],
        order=_ordered("delivered_at", "responded"),
        spec=exp.WindowSpec(
            kind="ROWS", start=number(spec.touches - 1), start_side="PRECEDING", end="CURRENT ROW"
        ),
    )
    following = exp.Window(
        this=exp.func("LEAD", col("delivered_at")),
        partition_by=[col("lead_id")],
        order=_ordered("delivered_at", "responded"),
    )
    rolling = exp.select(
        col("lead_id"),
        col("delivered_at"),
        exp.alias_(recent, "recent"),
        exp.alias_(following, "next_delivered_at"),
        copy=False,
    ).from_(exp.to_table("sends"), copy=False)
    query, per_lead = scoped_union(
        scopes,
        relation="rolling",
        moment=col("delivered_at"),
        keep=_latest_in_period,
        qualified=exp.GTE(this=col("recent"), expression=number(spec.responded_at_least)),
        roll_up="latest",
    )
    for name, part in [("responses", responses), ("sends", sends), ("rolling", rolling), *per_lead]:
        query = query.with_(name, as_=part, copy=False)
    return query


def _latest_in_period(scope: Scope) -> exp.Expr:
    """The lead's last delivery in its period: no next one, or the next is in a later period."""
    this_period = scope.period_key(col("delivered_at"))
    next_period = scope.period_key(col("next_delivered_at"))
    return exp.or_(
        exp.Is(this=col("next_delivered_at"), expression=exp.null()),
        exp.GTE(this=col("next_delivered_at"), expression=timestamp(scope.end)),
        exp.NEQ(this=next_period, expression=this_period),
    )


def browsing_after_touch_query(spec: BrowsingAfterTouch, scopes: Sequence[Scope]) -> exp.Query:
    """One query for every scope: page views after each touched lead-day are counted once.

    A touch day T looks at days T … T + d. Days are cut into buckets of d + 1 days, so that window
    always lies in T's bucket or the next one: an equality join on (lead, bucket) with a range filter
    finds the page views, with no sort of every lead's days. Only the touch days that reach the page
    views threshold come out of that join; every delivery then joins them in its scope's grouping.
    """
    first_start = min(scope.start for scope in scopes)
    last_end = max(scope.end for scope in scopes)
    horizon = max(scope.horizon for scope in scopes)
    width = spec.within_days + 1
    day = as_date(col("occurred_at"))
    day_number = exp.Sub(this=day.copy(), expression=date(dt.date(1970, 1, 1)))
    # Deliveries as (lead, day), repeats kept: de-duplicating 37M lead-days cost more than the joins
    # below, which only need distinct pairs where page views were found.
    touches = (
        exp.select(
            col("lead_id"),
            exp.alias_(day, "day", quoted=True),
            exp.alias_(day_number.copy(), "day_number", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .where(exp.and_(_type_is(DELIVERED), in_range(col("occurred_at"), first_start, last_end)), copy=False)
    )
    view_days = (
        exp.select(
            col("lead_id"),
            exp.alias_(day_number.copy(), "day_number", quoted=True),
            exp.alias_(_bucket(day_number.copy(), width), "bucket", quoted=True),
            exp.alias_(count_if(None), "page_views", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .where(exp.and_(_type_is(PAGE_VIEW), in_range(col("occurred_at"), first_start, horizon)), copy=False)
        .group_by(number(1), number(2), number(3), copy=False)
    )
    touch_buckets = exp.union(
        *[
            exp.select(
                col("lead_id"),
                col("day"),
                col("day_number"),
                exp.alias_(exp.Add(this=_bucket(col("day_number"), width), expression=number(k)), "bucket"),
                copy=False,
            ).from_(exp.to_table("touches"), copy=False)
            for k in (0, 1)
        ],
        distinct=False,
    )
    seen = exp.and_(
        exp.EQ(this=col("lead_id", "v"), expression=col("lead_id", "t")),
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
            exp.alias_(col("lead_id", "t"), "lead_id", quoted=True),
            exp.alias_(col("day", "t"), "day", quoted=True),
            exp.alias_(col("day_number", "v"), "view_day", quoted=True),
            exp.alias_(col("page_views", "v"), "page_views", quoted=True),
            copy=False,
        )
        .distinct()
        .from_(exp.to_table("touch_buckets").as_("t"), copy=False)
        .join(exp.to_table("view_days").as_("v"), on=seen, copy=False)
    )
    browsed = (
        exp.select(col("lead_id"), col("day"), copy=False)
        .from_(pairs.subquery("pairs"), copy=False)
        .group_by(number(1), number(2), copy=False)
        .having(exp.GTE(this=exp.Sum(this=col("page_views")), expression=number(spec.page_views_at_least)))
    )
    touched_days = exp.union(
        *[
            exp.select(
                col("lead_id"),
                exp.alias_(
                    exp.Cast(this=col("day"), to=exp.DataType.build(exp.DType.TIMESTAMP)), "touched_at"
                ),
                exp.alias_(number(flag), "browsed", quoted=True),
                copy=False,
            ).from_(exp.to_table(relation), copy=False)
            for relation, flag in (("touches", 0), ("browsed", 1))
        ],
        distinct=False,
    )
    query, per_lead = scoped_union(
        scopes,
        relation="touched_days",
        moment=col("touched_at"),
        keep=lambda _scope: exp.true(),
        qualified=exp.EQ(this=col("browsed"), expression=number(1)),
        roll_up="any",
    )
    for name, part in [
        ("touches", touches),
        ("view_days", view_days),
        ("touch_buckets", touch_buckets),
        ("browsed", browsed),
        ("touched_days", touched_days),
        *per_lead,
    ]:
        query = query.with_(name, as_=part, copy=False)
    return query


def _bucket(day_number: exp.Expr, width: int) -> exp.Expr:
    """``FLOOR(day_number / width)`` with a decimal divisor: integer division rules differ by dialect."""
    return exp.Floor(
        this=exp.Div(this=exp.Paren(this=day_number), expression=exp.Literal.number(f"{width}.0"))
    )


def measure_engagement(
    fetch: Fetch, spec: ContinuousResponse | BrowsingAfterTouch, scopes: Sequence[Scope]
) -> list[Cells]:
    """Cells of every scope, from one query."""
    if isinstance(spec, ContinuousResponse):
        query = continuous_response_query(spec, scopes)
    else:
        query = browsing_after_touch_query(spec, scopes)
    frame = fetch(query)
    return [ratio_cells(frame[frame[SCOPE_INDEX] == index], scope) for index, scope in enumerate(scopes)]
