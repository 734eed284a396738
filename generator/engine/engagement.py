"""Engagement measures over email touches: continuous response rate and site browsing after a touch.

A *touch* is an email delivery (``email_delivered``), so bounced sends are not touches.

Continuous response (継続反応率): a lead is *touched in a period* when it received a delivery of a send
(``send_id``) in it. Its last ``touches`` such deliveries up to its latest one in the period (reaching
back before the period) are checked; a delivery was *responded* when the lead opened (machine opens
excluded when ``exclude_machine_opens``) or clicked that same send at any time up to the as-of day.
The rate is the share of touched leads with at least ``responded_at_least`` responded deliveries.
Leads with fewer than ``touches`` deliveries so far stay in the denominator (they can still qualify).

Site browsing after a touch (ウェブ回遊率): counted in days. Of the leads touched in a period, the
share with at least ``page_views_at_least`` page views on the day of one of those touches or the
``within_days`` days after it (page views up to the as-of day).

One pass serves every engagement definition and scope: the deliveries are read once and sorted once
per lead (a window), which gives each lead's latest delivery of every period — the touched
lead-periods both measures count — and, at it, the responses among the last deliveries. Site
browsing joins its browsed touch days on per (lead, period). Continuous-response definitions that
read responses differently (machine opens in or out) get a pass of their own, since the window's
tie order follows the responded flag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlglot import exp

from ..model.compute import BrowsingAfterTouch, ContinuousResponse
from .activity_types import ACTIVITIES, CLICK, DELIVERED, OPEN, type_is
from .aggregates import Fetch
from .browsing import browsed_days
from .cohorts import ratio_cells
from .errors import MeasureError
from .lead_keys import LEAD_KEY
from .lead_periods import SCOPE_INDEX, Hit, flag, scoped_union
from .scope import Cells, Scope
from .sqlparts import (
    PERIOD,
    col,
    in_range,
    is_not_null,
    number,
    string,
    timestamp,
    truthy,
)

SENT = "sent"  # 1 on a delivery of a send, and on a lead-period with one: continuous response's touches
Engagement = ContinuousResponse | BrowsingAfterTouch
Requests = Sequence[tuple[Engagement, Sequence[Scope]]]


@dataclass(frozen=True)
class _Responses:
    """What counts as a response, for the continuous-response definitions of one pass."""

    exclude_machine_opens: bool
    horizon: dt.datetime


def measure_engagement(
    fetch: Fetch, requests: Mapping[Engagement, Sequence[Scope]]
) -> dict[Engagement, list[Cells] | MeasureError]:
    """Each definition's cells per scope (or the error of its pass), from one query per pass."""
    results: dict[Engagement, list[Cells] | MeasureError] = {}
    for batch in _passes(requests):
        try:
            frame = fetch(engagement_query(batch))
        except MeasureError as error:
            results.update({spec: error for spec, _scopes in batch})
            continue
        index = 0
        for spec, scopes in batch:
            results[spec] = [
                ratio_cells(frame[frame[SCOPE_INDEX] == index + offset], scope)
                for offset, scope in enumerate(scopes)
            ]
            index += len(scopes)
    return results


def _passes(requests: Mapping[Engagement, Sequence[Scope]]) -> list[Requests]:
    """Continuous response grouped by how responses are read; site browsing rides with the first group."""
    groups: dict[_Responses, list[tuple[Engagement, Sequence[Scope]]]] = {}
    browsing: list[tuple[Engagement, Sequence[Scope]]] = []
    for spec, scopes in requests.items():
        if isinstance(spec, ContinuousResponse):
            groups.setdefault(_reading(spec, scopes), []).append((spec, scopes))
        else:
            browsing.append((spec, scopes))
    batches: list[Requests] = list(groups.values()) or ([[]] if browsing else [])
    if browsing:
        batches[0] = [*batches[0], *browsing]
    return batches


def _reading(spec: ContinuousResponse, scopes: Sequence[Scope]) -> _Responses:
    return _Responses(spec.exclude_machine_opens, max(scope.horizon for scope in scopes))


def _responses_of(batch: Requests) -> _Responses | None:
    """How the pass reads responses (its continuous-response definitions agree), None without any."""
    for spec, scopes in batch:
        if isinstance(spec, ContinuousResponse):
            return _reading(spec, scopes)
    return None


def engagement_query(batch: Requests) -> exp.Query:
    """One query for every definition and scope of ``batch`` (``scope_index`` numbers them in order)."""
    scopes = [scope for _spec, spec_scopes in batch for scope in spec_scopes]
    responses = _responses_of(batch)
    hits: list[tuple[Hit, Sequence[Scope]]] = []
    ctes: list[tuple[str, exp.Query]] = []
    if responses is not None:
        ctes.append(("responses", _responded_sends(responses)))
    ctes.append(("deliveries", _deliveries(responses, max(scope.end for scope in scopes))))
    ctes.append(("rolling", _rolling(batch, ordered_by_response=responses is not None)))
    browsed: list[tuple[str, str]] = []  # (browsed touch days, hit column)
    for position, (spec, spec_scopes) in enumerate(batch):
        if isinstance(spec, ContinuousResponse):
            hits.append((Hit(f"hit_{position}", "latest", touched=SENT), spec_scopes))
        else:
            name = f"browsed_{position}"
            ctes.extend(browsed_days(name, spec, spec_scopes))
            browsed.append((name, f"hit_{position}"))
            hits.append((Hit(f"hit_{position}", "any"), spec_scopes))
    columns = [hit.column for hit, _scopes in hits] + [SENT]
    query, per_lead = scoped_union(hits, lambda layout: _lead_periods(layout, batch, browsed), columns)
    for name, part in [*ctes, *per_lead]:
        query = query.with_(name, as_=part, copy=False)
    return query


def _lt(value: exp.Expr, moment: dt.datetime) -> exp.Expr:
    return exp.LT(this=value, expression=timestamp(moment))


def _responded_sends(responses: _Responses) -> exp.Select:
    """(lead, send) pairs opened or clicked: a few per lead, joined onto the deliveries afterwards
    (cheaper than grouping every email row by lead and send)."""
    opened = type_is(OPEN)
    if responses.exclude_machine_opens:
        opened = exp.and_(opened, exp.Not(this=truthy(col("is_machine_open"))))
    return (
        exp.select(col(LEAD_KEY), col("send_id"), copy=False)
        .from_(exp.to_table(ACTIVITIES), copy=False)
        .where(
            exp.and_(
                is_not_null(col("send_id")),
                exp.or_(type_is(CLICK), opened),
                _lt(col("occurred_at"), responses.horizon),
            ),
            copy=False,
        )
        .group_by(col(LEAD_KEY), col("send_id"), copy=False)
    )


def _deliveries(responses: _Responses | None, last_end: dt.datetime) -> exp.Select:
    """Every delivery up to the last period's end, whether it was of a send, and whether it was responded."""
    responded: exp.Expr = number(0)
    if responses is not None:
        responded = flag(is_not_null(col(LEAD_KEY, "r")))
    query = (
        exp.select(
            exp.alias_(col(LEAD_KEY, "d"), LEAD_KEY, quoted=True),
            exp.alias_(col("occurred_at", "d"), "delivered_at", quoted=True),
            exp.alias_(flag(is_not_null(col("send_id", "d"))), SENT, quoted=True),
            exp.alias_(responded, "responded", quoted=True),
            copy=False,
        )
        .from_(exp.to_table(ACTIVITIES).as_("d"), copy=False)
        .where(
            exp.and_(
                exp.EQ(this=col("type", "d"), expression=string(DELIVERED)),
                _lt(col("occurred_at", "d"), last_end),
            ),
            copy=False,
        )
    )
    if responses is None:
        return query
    return query.join(
        exp.to_table("responses").as_("r"),
        on=exp.and_(
            exp.EQ(this=col(LEAD_KEY, "d"), expression=col(LEAD_KEY, "r")),
            exp.EQ(this=col("send_id", "d"), expression=col("send_id", "r")),
        ),
        join_type="left",
        copy=False,
    )


def _rolling(batch: Requests, *, ordered_by_response: bool) -> exp.Select:
    """Per delivery: responses among the lead's last n deliveries of sends, and its next delivery.

    Deliveries of sends and others are apart (partitioned by ``sent``), so the last n are of sends.
    One sort serves every window. Ties on the same instant are ordered by ``responded``: tied
    deliveries with the same flag are interchangeable, so the result is the same on every backend.
    """
    order = ["delivered_at", *(["responded"] if ordered_by_response else [])]

    def window(function: exp.Expr, spec: exp.WindowSpec | None = None) -> exp.Window:
        return exp.Window(
            this=function,
            partition_by=[col(LEAD_KEY), col(SENT)],
            order=exp.Order(expressions=[exp.Ordered(this=col(name)) for name in order]),
            spec=spec,
        )

    touches = sorted({spec.touches for spec, _scopes in batch if isinstance(spec, ContinuousResponse)})
    recent = [
        exp.alias_(
            window(
                exp.Sum(this=col("responded")),
                exp.WindowSpec(kind="ROWS", start=number(n - 1), start_side="PRECEDING", end="CURRENT ROW"),
            ),
            f"recent_{n}",
        )
        for n in touches
    ]
    following = exp.alias_(window(exp.func("LEAD", col("delivered_at"))), "next_delivered_at")
    return exp.select(col(LEAD_KEY), col("delivered_at"), col(SENT), *recent, following, copy=False).from_(
        exp.to_table("deliveries"), copy=False
    )


def _lead_periods(layout: Scope, batch: Requests, browsed: Sequence[tuple[str, str]]) -> exp.Select:
    """``lead_key, period_start``, each definition's hit and ``sent`` per lead touched in a period.

    The rows are the latest delivery of each lead in each period (of sends and of others, apart).
    """
    flags: list[exp.Expr] = []
    for position, (spec, _scopes) in enumerate(batch):
        if isinstance(spec, ContinuousResponse):
            qualified = exp.and_(
                exp.EQ(this=col(SENT), expression=number(1)),
                exp.GTE(this=col(f"recent_{spec.touches}"), expression=number(spec.responded_at_least)),
            )
            flags.append(exp.alias_(exp.Max(this=flag(qualified)), f"hit_{position}", quoted=True))
    touched = (
        exp.select(
            col(LEAD_KEY),
            exp.alias_(layout.period_key(col("delivered_at")), PERIOD, quoted=True),
            *flags,
            exp.alias_(exp.Max(this=col(SENT)), SENT, quoted=True),
            copy=False,
        )
        .from_(exp.to_table("rolling"), copy=False)
        .where(
            exp.and_(_latest_in_period(layout), in_range(col("delivered_at"), layout.start, layout.end)),
            copy=False,
        )
        .group_by(number(1), number(2), copy=False)
    )
    if not browsed:
        return touched
    picked: list[exp.Expr] = [col(LEAD_KEY, "t"), col(PERIOD, "t"), *[col(f.alias, "t") for f in flags]]
    picked.append(col(SENT, "t"))
    query = exp.select(*picked, copy=False).from_(touched.subquery("t"), copy=False)
    for name, hit in browsed:
        periods = (
            exp.select(
                col(LEAD_KEY),
                exp.alias_(
                    layout.period_key(exp.Cast(this=col("day"), to=exp.DataType.build(exp.DType.TIMESTAMP))),
                    PERIOD,
                    quoted=True,
                ),
                copy=False,
            )
            .distinct()
            .from_(exp.to_table(name), copy=False)
        )
        query = query.select(
            exp.alias_(flag(is_not_null(col(LEAD_KEY, name))), hit, quoted=True), copy=False
        ).join(
            periods.subquery(name),
            on=exp.and_(
                exp.EQ(this=col(LEAD_KEY, "t"), expression=col(LEAD_KEY, name)),
                exp.EQ(this=col(PERIOD, "t"), expression=col(PERIOD, name)),
            ),
            join_type="left",
            copy=False,
        )
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
