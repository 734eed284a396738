"""Shared base for every spec: frozen, unknown keys refused, ids in snake_case."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
NonEmptyText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Spec(BaseModel):
    """Base of every definition object read from YAML."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
