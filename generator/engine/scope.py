"""Where a measure is evaluated (periods of a grain, optionally split by a segment) and what it yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd
from sqlglot import exp

from ..model.periods import (
    Grain,
    as_of_end,
    history_periods,
    latest_full_quarter,
    period_start,
    series_periods,
    window_start,
)
from ..model.sources import Table
from .errors import MeasureError
from .lead_keys import LEAD_KEY, LEADS
from .sqlparts import PERIOD, SEGMENT, col, date, period_key

# A segment dimension is an attribute of the lead (campaign = the lead's acquisition campaign).
DIMENSION_COLUMNS = {
    "channel": "channel",
    "campaign": "campaign_id",
    "industry": "industry",
    "company_size": "company_size",
    "owner_team": "owner_team",
}
# A lead without the attribute: its own key, shown as written on pages and charts. Not ``unknown``, which
# imported data can hold as a real value (a CRM's "Unknown" industry): the two stay two rows.
MISSING_SEGMENT = "(未設定)"
T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    """Periods of ``grain`` over [start, end), optionally split by ``dimension``.

    ``horizon`` is the end of the as-of day: conversions, responses and page views after a period
    are looked for up to it, never beyond.
    """

    grain: Grain | Literal["window"]
    start: dt.datetime
    end: dt.datetime
    horizon: dt.datetime
    dimension: str | None = None

    def period_key(self, moment: exp.Expr) -> exp.Expr:
        """The period start (a DATE) of ``moment``; a ``window`` scope is one period starting at ``start``."""
        if self.grain == "window":
            return date(self.start.date())
        return period_key(moment, self.grain)

    def bucket(self, moment: dt.datetime) -> dt.date:
        """The same as :meth:`period_key`, in Python (for frames computed outside SQL)."""
        if self.grain == "window":
            return self.start.date()
        return period_start(moment.date(), self.grain)


@dataclass(frozen=True)
class Cell:
    """A measured value for one period (and segment), with what it was computed from."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    support: float | None = None  # rows or leads behind the value, for k-anonymity


Key = tuple[dt.date, str | None]
Cells = dict[Key, Cell]


def series_scope(grain: Grain, as_of: dt.date) -> Scope:
    """Every period of the KPI's series and of its history: from the year before the window to the
    end of the as-of day."""
    first = (history_periods(grain, as_of) or series_periods(grain, as_of))[0]
    end = as_of_end(as_of)
    return Scope(grain, dt.datetime.combine(first.start, dt.time()), end, end)


def trailing_year_scope(as_of: dt.date) -> Scope:
    """One period: the twelve months ending at as-of (the tree compares annual targets with it)."""
    end = as_of_end(as_of)
    return Scope("window", dt.datetime.combine(window_start(as_of), dt.time()), end, end)


def segment_scope(dimension: str, as_of: dt.date) -> Scope:
    """The latest complete fiscal quarter, split by ``dimension``."""
    quarter = latest_full_quarter(as_of)
    start = dt.datetime.combine(quarter.start, dt.time())
    end = dt.datetime.combine(quarter.end, dt.time())
    return Scope("quarter", start, end, as_of_end(as_of), dimension)


def source(table: Table, columns: Iterable[str], scope: Scope) -> exp.Expr:
    """The relation a measure reads: ``table`` itself, or with a ``segment`` column when split."""
    names = sorted(set(columns))
    if scope.dimension is None:
        return exp.to_table(table.id)
    dimension = DIMENSION_COLUMNS[scope.dimension]
    if table.id == LEADS:
        picked = [col(n) for n in names] + [exp.alias_(col(dimension), SEGMENT, quoted=True)]
        return exp.select(*picked, copy=False).from_(exp.to_table(LEADS), copy=False).subquery("src")
    if table.column("lead_id") is not None:
        return _lead_segment_source(exp.to_table(table.id), names, scope)
    if scope.dimension == "campaign" and table.column("campaign_id") is not None:
        picked = [col(n) for n in names] + [exp.alias_(col("campaign_id"), SEGMENT, quoted=True)]
        return exp.select(*picked, copy=False).from_(exp.to_table(table.id), copy=False).subquery("src")
    raise MeasureError(
        f"{table.id} に lead_id がないため {scope.dimension} 別に分けられません",
        f"{table.id} has no lead_id, so it cannot be split by {scope.dimension}",
    )


def _lead_segment_source(relation: exp.Expr, columns: Iterable[str], scope: Scope) -> exp.Expr:
    """A relation with a ``lead_key`` and the lead's ``segment`` attribute joined on (when split)."""
    names = sorted(set(columns))
    if scope.dimension is None:
        return relation
    picked = [exp.alias_(col(n, "t"), n, quoted=True) for n in names]
    picked.append(exp.alias_(col(DIMENSION_COLUMNS[scope.dimension], "l"), SEGMENT, quoted=True))
    joined = (
        exp.select(*picked, copy=False)
        .from_(exp.alias_(relation, "t", table=True), copy=False)
        .join(
            exp.to_table(LEADS).as_("l"),
            on=exp.EQ(this=col(LEAD_KEY, "t"), expression=col(LEAD_KEY, "l")),
            join_type="left",
            copy=False,
        )
    )
    return joined.subquery("src")


def group_keys(moment: exp.Expr, scope: Scope) -> list[exp.Expr]:
    """``period_start`` (and ``segment``) select expressions for grouping."""
    keys: list[exp.Expr] = [exp.alias_(scope.period_key(moment), PERIOD, quoted=True)]
    if scope.dimension is not None:
        keys.append(exp.alias_(col(SEGMENT), SEGMENT, quoted=True))
    return keys


def group_by_positions(scope: Scope) -> list[exp.Expr]:
    """``GROUP BY 1`` (``1, 2`` when split): positions keep the period expression written once."""
    return [exp.Literal.number(i + 1) for i in range(2 if scope.dimension else 1)]


def frame_keys(frame: pd.DataFrame, scope: Scope) -> list[Key]:
    """The (period start, segment) key of each row of a query result."""
    starts = _each_distinct(frame[PERIOD], _as_date)
    if scope.dimension is None:
        return [(start, None) for start in starts]
    segments = _each_distinct(frame[SEGMENT], _segment_name)
    return list(zip(starts, segments, strict=True))


def frame_groups(frame: pd.DataFrame, scope: Scope) -> tuple[list[Key], npt.NDArray[np.intp]]:
    """The distinct keys of a per-row result, in order of first appearance, and each row's position
    in that list: per-row statistics then group with arrays instead of a Python loop over rows."""
    period_codes, starts = _distinct_codes(frame[PERIOD], _as_date)
    segments: list[str | None] = [None]
    segment_codes = np.zeros(len(frame), dtype=np.intp)
    if scope.dimension is not None:
        segment_codes, named = _distinct_codes(frame[SEGMENT], _segment_name)
        segments = list(named)
    combined = period_codes * len(segments) + segment_codes
    distinct, first_rows, inverse = np.unique(combined, return_index=True, return_inverse=True)
    keys: dict[Key, int] = {}
    group_of_distinct = np.empty(len(distinct), dtype=np.intp)
    for position in np.argsort(first_rows, kind="stable").tolist():
        code = int(distinct[position])
        key = (starts[code // len(segments)], segments[code % len(segments)])
        # Raw values naming the same key share its group (a NULL and a literal '(未設定)').
        group_of_distinct[position] = keys.setdefault(key, len(keys))
    return list(keys), group_of_distinct[inverse.reshape(-1)]


def _each_distinct(column: pd.Series, convert: Callable[[object], T]) -> list[T]:
    """``[convert(v) for v in column]``, converting each distinct value once: per-row results (a
    million hand-offs) hold a few periods and segments, and converting a value costs microseconds."""
    codes, converted = _distinct_codes(column, convert)
    return [converted[code] for code in codes.tolist()]


def _distinct_codes(
    column: pd.Series, convert: Callable[[object], T]
) -> tuple[npt.NDArray[np.intp], list[T]]:
    """Each row's position among the column's converted distinct values (NULL converted last)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    converted = [convert(value) for value in distinct]
    missing = codes < 0  # NULL / NaN / NaT
    if missing.any():
        codes = np.where(missing, len(converted), codes)
        converted.append(convert(None))
    return codes.astype(np.intp, copy=False), converted


def _segment_name(value: object) -> str:
    return MISSING_SEGMENT if _missing(value) else str(value)


def number_or_none(value: object) -> float | None:
    """A float from a result cell; NULL/NaN becomes None."""
    if _missing(value):
        return None
    return float(value)  # type: ignore[arg-type]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    day: dt.date = pd.Timestamp(str(value)).date()
    return day


def table_columns(tables: Mapping[str, Table], table_id: str) -> Table:
    """The declared table ``table_id`` or a MeasureError naming it."""
    table = tables.get(table_id)
    if table is None:
        raise MeasureError(
            f"テーブル {table_id} は definitions/sources.yml にありません",
            f"table {table_id!r} is not declared in definitions/sources.yml",
        )
    return table
