"""The activities table and the activity types the engagement measures read (sources.yml allows them)."""

from __future__ import annotations

from sqlglot import exp

from .sqlparts import col, string

ACTIVITIES = "activities"
DELIVERED, OPEN, CLICK, PAGE_VIEW = "email_delivered", "email_open", "email_click", "page_view"


def type_is(*kinds: str) -> exp.Expr:
    """``type = kind``, or ``type IN (kinds)``."""
    if len(kinds) == 1:
        return exp.EQ(this=col("type"), expression=string(kinds[0]))
    return exp.In(this=col("type"), expressions=[string(k) for k in kinds])
