"""The scoring query: the SLA's scoring rules and hot-lead triggers compiled to one SQL query.

Its result is one row per lead (``scoring.SCORE_COLUMNS`` and the lead's segment columns); the
semantics it implements are stated in ``scoring``. Rule filters are parsed, never executed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlglot import exp

from ..model.expressions import ExpressionError, parse_filter
from ..model.periods import as_of_end
from ..model.sla import Decay, HotLeadTrigger, ScoringRule, Sla
from .errors import MeasureError
from .sqlparts import as_date, date, timestamp

LEAD_SEGMENT_COLUMNS = ("channel", "campaign_id", "industry", "company_size", "owner_team")


def scoring_query(sla: Sla, as_of: dt.date) -> exp.Select:
    """One query: per lead, current score, crossing moment, hot-lead moment and disqualification."""
    end = timestamp(as_of_end(as_of))
    threshold = exp.Literal.number(sla.scoring.threshold)
    behaviour = [rule for rule in sla.scoring.rules if rule.activity is not None]
    decay = sla.scoring.decay
    today = date(as_of)
    current = (
        exp.select("lead_key", exp.alias_(exp.func("SUM", _decayed(None, today, decay)), "behaviour"))
        .from_("scored")
        .where(exp.column("expires_at").is_(exp.null()))
        .group_by("lead_key")
    )
    # Only leads whose best case (every positive rule at its max_times, no decay) reaches the threshold
    # can cross it: the pairwise evaluation below is limited to them.
    best = (
        exp.select("lead_key", "rule", exp.alias_(_col("points", None, "MAX") * _least_count(), "most"))
        .from_("scored")
        .where(exp.column("points") > exp.Literal.number(0))
        .group_by("lead_key", "rule")
    )
    reachable = (
        exp.select(exp.column("lead_key", "r"))
        .from_(best.subquery("r"))
        .join(exp.alias_(exp.to_table("base"), "b", table=True), on="r.lead_key = b.lead_key")
        .group_by(exp.column("lead_key", "r"), exp.column("attribute_points", "b"))
        .having(exp.column("attribute_points", "b") + exp.func("SUM", exp.column("most", "r")) >= threshold)
    )
    candidates = (
        exp.select("lead_key", "at")
        .distinct()
        .from_("scored")
        .where(exp.column("lead_key").isin(query=exp.select("lead_key").from_("reachable")))
    )
    pairs = (
        exp.select(
            exp.column("lead_key", "c"),
            exp.column("at", "c"),
            exp.alias_(exp.func("SUM", _decayed("e", exp.column("at", "c"), decay)), "behaviour"),
        )
        .from_(candidates.subquery("c"))
        .join(
            exp.alias_(exp.to_table("scored"), "e", table=True),
            on=exp.and_(
                exp.column("lead_key", "e").eq(exp.column("lead_key", "c")),
                exp.column("at", "e") <= exp.column("at", "c"),
                exp.or_(
                    exp.column("expires_at", "e").is_(exp.null()),
                    exp.column("expires_at", "e") > exp.column("at", "c"),
                ),
            ),
        )
        .group_by(exp.column("lead_key", "c"), exp.column("at", "c"))
    )
    crossings = (
        exp.select("p.lead_key", exp.alias_(exp.func("MIN", exp.column("at", "p")), "crossed_at"))
        .from_(exp.alias_(exp.to_table("pairs"), "p", table=True))
        .join(exp.alias_(exp.to_table("base"), "b", table=True), on="p.lead_key = b.lead_key")
        .where(exp.column("attribute_points", "b") + exp.column("behaviour", "p") >= threshold)
        .group_by(exp.column("lead_key", "p"))
    )
    hot = (
        exp.select("lead_key", exp.alias_(exp.func("MIN", exp.column("at")), "hot_at"))
        .from_("relevant")
        .where(exp.column("hot"))
        .group_by("lead_key")
    )
    score = exp.column("attribute_points", "b") + exp.func(
        "COALESCE", exp.column("behaviour", "cur"), exp.Literal.number(0)
    )
    at_creation = exp.If(
        this=exp.column("attribute_points", "b") >= threshold, true=exp.column("created_at", "b")
    )
    query = exp.select(
        *(exp.column(c, "b") for c in ("lead_id", "created_at", "mql_at")),
        exp.alias_(score, "score"),
        exp.alias_(exp.Case(ifs=[at_creation], default=exp.column("crossed_at", "x")), "crossed_at"),
        exp.column("hot_at", "h"),
        exp.column("disqualified", "b"),
        exp.column("eligible", "b"),
        *(exp.column(c, "b") for c in LEAD_SEGMENT_COLUMNS),
    ).from_(exp.alias_(exp.to_table("base"), "b", table=True))
    for name, alias in (("cur", "cur"), ("crossings", "x"), ("hot", "h")):
        joined = exp.alias_(exp.to_table(name), alias, table=True)
        query = query.join(joined, on=f"b.lead_key = {alias}.lead_key", join_type="left")
    # The activities are read once; the few scored rows are kept (MATERIALIZED) for the passes over them.
    ctes: list[tuple[str, exp.Query, bool]] = [
        ("base", _lead_base(sla, end), False),
        ("relevant", _relevant_activities(behaviour, sla.hot_lead_triggers, end), True),
        ("scored", _scored_events(behaviour) if behaviour else _empty_events(), True),
        ("reachable", reachable, False),
        ("cur", current, False),
        ("pairs", pairs, False),
        ("crossings", crossings, False),
        ("hot", hot, False),
    ]
    for name, cte, materialized in ctes:
        query = query.with_(name, as_=cte, materialized=materialized or None)
    return query


def _lead_base(sla: Sla, end: exp.Expr) -> exp.Select:
    attribute = [rule for rule in sla.scoring.rules if rule.activity is None]
    points: exp.Expr = exp.Literal.number(0)
    for rule in attribute:
        value = exp.Literal.number(rule.points)
        term = (
            value
            if rule.filter is None
            else exp.Case(
                ifs=[exp.If(this=_filter(rule.filter, rule.id), true=value)], default=exp.Literal.number(0)
            )
        )
        points = exp.Add(this=points, expression=term)
    matches = [
        exp.func("COALESCE", exp.Paren(this=_filter(rule.filter, rule.id)), exp.false())
        for rule in sla.disqualifiers
    ]
    disqualified = exp.or_(*matches) if matches else exp.false()
    met = [
        exp.func("COALESCE", exp.Paren(this=_filter(c.filter, c.id)), exp.false()) for c in sla.mql.criteria
    ]
    eligible = exp.and_(*met) if met else exp.true()
    return (
        exp.select(
            "lead_id",
            "lead_key",
            "created_at",
            exp.alias_(
                exp.Case(ifs=[exp.If(this=exp.column("mql_at") < end, true=exp.column("mql_at"))]), "mql_at"
            ),
            exp.alias_(points, "attribute_points"),
            exp.alias_(disqualified, "disqualified"),
            exp.alias_(eligible, "eligible"),
            *LEAD_SEGMENT_COLUMNS,
        )
        .from_("leads")
        .where(exp.column("created_at") < end)
    )


def _relevant_activities(
    rules: Sequence[ScoringRule], triggers: Sequence[HotLeadTrigger], end: exp.Expr
) -> exp.Select:
    """One scan of activities: the rows any behaviour rule or hot-lead trigger matches, with a flag each."""
    conditions = [_condition(rule.activity or "", rule.filter, rule.id) for rule in rules]
    hot = [_condition(trigger.activity, trigger.filter, trigger.id) for trigger in triggers]
    flags = [exp.alias_(_flag(condition), f"r{i}") for i, condition in enumerate(conditions)]
    flags.append(exp.alias_(exp.or_(*(_flag(c) for c in hot)) if hot else exp.false(), "hot"))
    # Rows are picked by the conditions themselves (NULL is no match in a WHERE too), not by an IN on
    # the type with the flags tested afterwards: DuckDB then computed every flag on every row of the
    # file (4 of the query's 27 CPU-s at scale 100).
    wanted = (
        exp.or_(*(exp.Paren(this=c.copy()) for c in conditions + hot)) if conditions or hot else exp.false()
    )
    return (
        exp.select("lead_key", exp.alias_(exp.column("occurred_at"), "at"), *flags)
        .from_("activities")
        .where(exp.and_(exp.Paren(this=wanted), exp.column("occurred_at") < end))
    )


def _scored_events(rules: Sequence[ScoringRule]) -> exp.Query:
    """lead_key, at, rule, points, max_times, expires_at: one row per scored activity and rule."""
    branches: list[exp.Query] = []
    for index, rule in enumerate(rules):
        # A scored activity stops counting once max_times newer ones of the same rule have happened.
        # Ties in time need no tie-break: tied rows of one rule carry the same points and the same age.
        in_order = [exp.Ordered(this=exp.column("at"))]
        expires = exp.Window(
            this=exp.func("LEAD", exp.column("at"), exp.Literal.number(rule.max_times)),
            partition_by=[exp.column("lead_key")],
            order=exp.Order(expressions=in_order),
        )
        branches.append(
            exp.select(
                "lead_key",
                "at",
                exp.alias_(exp.Literal.number(index), "rule"),
                exp.alias_(exp.Literal.number(rule.points), "points"),
                exp.alias_(exp.Literal.number(rule.max_times), "max_times"),
                exp.alias_(expires, "expires_at"),
            )
            .from_("relevant")
            .where(exp.column(f"r{index}"))
        )
    union: exp.Query = branches[0]
    for branch in branches[1:]:
        union = exp.union(union, branch, distinct=False)
    return union


def _empty_events() -> exp.Select:
    """No scored events, typed like ``_scored_events`` (the key's type comes from the leads table)."""
    never = exp.Cast(this=exp.null(), to=exp.DataType.build(exp.DType.TIMESTAMP))
    zero = exp.Literal.number(0)
    return (
        exp.select(
            "lead_key",
            exp.alias_(never, "at"),
            *(exp.alias_(zero.copy(), name) for name in ("rule", "points", "max_times")),
            exp.alias_(never.copy(), "expires_at"),
        )
        .from_("leads")
        .where(exp.false())
    )


def _condition(activity: str, text: str | None, rule_id: str) -> exp.Expr:
    """``type = '<activity>' AND (<filter>)``."""
    condition: exp.Expr = exp.column("type").eq(exp.Literal.string(activity))
    if text is not None:
        condition = exp.and_(condition, exp.Paren(this=_filter(text, rule_id)))
    return condition


def _flag(condition: exp.Expr) -> exp.Expr:
    """``COALESCE(<condition>, FALSE)``: a NULL in a filter is no match."""
    return exp.func("COALESCE", exp.Paren(this=condition.copy()), exp.false())


def _least_count() -> exp.Expr:
    """``LEAST(COUNT(*), MAX(max_times))``: how many of a rule's activities can count at once."""
    return exp.func("LEAST", exp.Count(this=exp.Star()), exp.func("MAX", exp.column("max_times")))


def _col(name: str, table: str | None, aggregate: str) -> exp.Expr:
    return exp.func(aggregate, exp.column(name, table))


def _decayed(events: str | None, moment: exp.Expr, decay: Decay | None) -> exp.Expr:
    """The event's points after decay at ``moment`` (``events``: the alias of the scored-events table)."""
    points, at = exp.column("points", events), exp.column("at", events)
    if decay is None:
        return points
    age_days = exp.DateDiff(
        this=as_date(moment.copy()),
        expression=as_date(at.copy()),
        unit=exp.var("DAY"),
    )
    steps = exp.Floor(this=exp.Div(this=age_days, expression=exp.Literal.number(decay.every_days)))
    kept = exp.Literal.number(1 - decay.percent / 100)
    return exp.Mul(this=points, expression=exp.Pow(this=kept, expression=steps))


def _filter(text: str, rule_id: str) -> exp.Expr:
    try:
        return parse_filter(text).tree.copy()
    except ExpressionError as error:
        raise MeasureError(
            f"スコアリングルール {rule_id}: {error.message_ja}", f"scoring rule {rule_id}: {error.message_en}"
        ) from None
