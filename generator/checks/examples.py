"""Example values in a failed check's message: what to fix, without ever quoting a lead's personal data.

A failed ``allowed_values`` or ``references`` check names the commonest offending values (「Closed
Won」 ×12), so an import mapping can be written from the message alone. Only columns that are not
``personal`` are ever checked, and a value that still looks personal (an email address, a phone
number) is left out: an export can put an email in the wrong column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from sqlglot import exp

from .messages import Explain
from .plan import Messages, Outcome

SHOWN = 3
LONGEST = 40
_EMAIL = re.compile(r"@")
_PHONE = re.compile(r"^[\d\s()+\-‐－ー]{7,}$")


def looks_personal(value: str) -> bool:
    """An email address or a phone number, whichever column it sits in."""
    return bool(_EMAIL.search(value) or (_PHONE.match(value) and sum(ch.isdigit() for ch in value) >= 7))


def quoted(values: Iterable[tuple[str, int]]) -> tuple[str, str] | None:
    """The commonest few of (value, rows), as 「value」×rows in Japanese and "value" ×rows in English."""
    safe = sorted(((v, n) for v, n in values if not looks_personal(v)), key=lambda item: (-item[1], item[0]))
    if not safe:
        return None
    shown = [(_short(v), n) for v, n in safe[:SHOWN]]
    return (
        "、".join(f"「{v}」×{n:,}" for v, n in shown),
        ", ".join(f'"{v}" ×{n:,}' for v, n in shown),
    )


def with_examples(
    explain: Explain, examples: tuple[str, str] | None, label: Messages = ("例", "e.g.")
) -> Explain:
    """``explain`` whose failure message ends with the example values."""
    if examples is None:
        return explain

    def explained(outcome: Outcome) -> Messages:
        ja, en = explain(outcome)
        if outcome.success or not outcome.evaluated:
            return ja, en
        return f"{ja}({label[0]}: {examples[0]})", f"{en} ({label[1]} {examples[1]})"

    return explained


def _short(value: str) -> str:
    """The value on one line, spaces kept (they may be the very difference), at most LONGEST characters."""
    flat = value.replace("\r", " ").replace("\n", " ")
    return flat if len(flat) <= LONGEST else flat[: LONGEST - 1] + "…"


def _normalised(value: exp.Expr) -> exp.Expr:
    """The text lower-cased without spaces (ASCII and full-width): 「GTX Pro」 and 「gtxpro」 alike."""
    no_spaces = exp.func(
        "REPLACE",
        exp.func("REPLACE", value, exp.Literal.string(" "), exp.Literal.string("")),
        exp.Literal.string("\u3000"),
        exp.Literal.string(""),
    )
    return exp.Lower(this=no_spaces)


def orphans_query(table: str, column: str, target: str, key: str) -> exp.Select:
    """The commonest values of ``table.column`` missing from ``target.key``, each with the key it
    matches when spacing and case are ignored (``near``, else NULL) and its rows ``n``."""
    text = exp.cast(exp.column(column, table="child", quoted=True), exp.DataType.Type.VARCHAR)
    key_text = exp.cast(exp.column(key, quoted=True), exp.DataType.Type.VARCHAR)
    keys = exp.select(exp.alias_(key_text.copy(), "key", quoted=True)).distinct().from_(exp.to_table(target))
    near = (
        exp.select(
            exp.alias_(_normalised(key_text.copy()), "folded", quoted=True),
            exp.alias_(exp.Min(this=key_text.copy()), "near", quoted=True),
        )
        .from_(exp.to_table(target))
        .where(exp.Not(this=exp.Is(this=exp.column(key, quoted=True), expression=exp.Null())))
        .group_by(exp.Literal.number(1))
    )
    return (
        exp.select(
            exp.alias_(text.copy(), "value", quoted=True),
            exp.alias_(exp.Max(this=exp.column("near", table="near", quoted=True)), "near", quoted=True),
            exp.alias_(exp.Count(this=exp.Star()), "n", quoted=True),
        )
        .from_(exp.to_table(table).as_("child"))
        .join(
            keys.subquery("keys"),
            on=exp.EQ(this=text.copy(), expression=exp.column("key", table="keys", quoted=True)),
            join_type="left",
        )
        .join(
            near.subquery("near"),
            on=exp.EQ(
                this=_normalised(text.copy()), expression=exp.column("folded", table="near", quoted=True)
            ),
            join_type="left",
        )
        .where(
            exp.and_(
                exp.Not(
                    this=exp.Is(this=exp.column(column, table="child", quoted=True), expression=exp.Null())
                ),
                exp.Is(this=exp.column("key", table="keys", quoted=True), expression=exp.Null()),
            )
        )
        .group_by(exp.Literal.number(1))
        .order_by(exp.Ordered(this=exp.column("n", quoted=True), desc=True), exp.Literal.number(1))
        .limit(SHOWN * 10)
    )


def orphan_examples(frame: pd.DataFrame) -> tuple[str, str] | None:
    """Examples from :func:`orphans_query`'s rows; a value near an existing key says which key."""
    rows = [
        (str(v), int(n), None if near is None or near != near else str(near))
        for v, near, n in zip(frame["value"], frame["near"], frame["n"], strict=True)
    ]
    safe = [(v, n, near) for v, n, near in rows if not looks_personal(v)][:SHOWN]
    if not safe:
        return None
    ja = "、".join(
        f"「{_short(v)}」×{n:,}" + (f"(「{_short(near)}」と空白・大文字小文字だけが違う)" if near else "")
        for v, n, near in safe
    )
    en = ", ".join(
        f'"{_short(v)}" ×{n:,}'
        + (f' (differs from "{_short(near)}" only in spacing or case)' if near else "")
        for v, n, near in safe
    )
    return ja, en
