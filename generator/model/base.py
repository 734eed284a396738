"""Shared base for every spec: frozen, unknown keys refused, ids in snake_case."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
NonEmptyText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]

# No yen amount, count, rate or duration in a definition comes near a quadrillion; a bound keeps
# 5,000-digit numbers out of the rules' arithmetic.
MAX_AMOUNT = 1e15
Amount = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]


class Spec(BaseModel):
    """Base of every definition object read from YAML."""

    # allow_inf_nan: YAML reads .nan, .inf and 1e400 as floats; none of them is a target or a bound.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class ChangelogEntry(Spec):
    """Why a definition changed, written in the same pull request: ``kpi diff``'s approval marker."""

    date: dt.date
    note: NonEmptyText


# ISO 4217 (JPY, USD, EUR…): a money column's currency in sources.yml, a money KPI's on its pages.
CurrencyCode = Annotated[
    str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code (JPY, USD, EUR…)")
]
