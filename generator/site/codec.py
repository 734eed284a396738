"""JSON for the frozen result dataclasses (measurements, check reports), so caches never need pickle."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


class CodecError(ValueError):
    """A cached document that does not match the current result classes (treated as a cache miss)."""


def dumps(value: object) -> str:
    """Deterministic JSON: sorted keys, dates as ISO text, no NaN (stored as null)."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str, kind: type[T]) -> T:
    try:
        decoded: T = _build(kind, json.loads(text))
    except (KeyError, TypeError, ValueError, RecursionError) as error:
        raise CodecError(str(error)) from error
    return decoded


def _plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "value") and type(value).__module__.startswith("generator"):  # str enums
        return _plain(value.value)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _build(kind: Any, data: Any) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = get_args(kind)
        if data is None and type(None) in options:
            return None
        for option in (o for o in options if o is not type(None)):
            try:
                return _build(option, data)
            except (KeyError, TypeError, ValueError):
                continue
        raise ValueError(f"no option of {kind} fits {data!r}")
    if origin is Literal:
        if data not in get_args(kind):
            raise ValueError(f"{data!r} is not one of {get_args(kind)}")
        return data
    if origin is tuple:
        item = get_args(kind)[0]
        return tuple(_build(item, v) for v in _list(data))
    if origin is list:
        return [_build(get_args(kind)[0], v) for v in _list(data)]
    if origin is dict:
        _, value_kind = get_args(kind)
        if not isinstance(data, dict):
            raise TypeError("expected an object")
        return {str(k): _build(value_kind, v) for k, v in data.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise TypeError(f"expected an object for {kind.__name__}")
        hints = _hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{name: _build(hints[name], data[name]) for name in fields if name in data})
    return _scalar(kind, data)


def _scalar(kind: Any, data: Any) -> Any:
    if kind is dt.date:
        return dt.date.fromisoformat(str(data))
    if kind is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise TypeError("expected a number")
        return float(data)
    if kind is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise TypeError("expected an integer")
        return data
    if kind is str:
        if not isinstance(data, str):
            raise TypeError("expected text")
        return data
    if kind is bool:
        if not isinstance(data, bool):
            raise TypeError("expected true/false")
        return data
    if isinstance(kind, type):
        return kind(data)  # str enums such as Severity
    raise TypeError(f"unsupported type {kind!r}")


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError("expected a list")
    return data
