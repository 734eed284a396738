"""No data is not zero: a sum over a column without values, a rate over a stage never recorded.

Imported exports often carry a column that no one fills in (an amount left blank on every deal, a
"Became an SQL date" never set). Summing it gives 0 and counting its conversions gives 0%, both judged
red: a wrong statement about the business. The boundary, precisely:

- a **sum** is 「データなし」 (None) when the column holds no value in the whole table, or when the rows
  of a period that the sum counts all have it empty; a period with no such rows is a real 0 (no deal
  closed that month), as long as the column has values somewhere;
- a **conversion** is 「データなし」 when its ``converted`` column holds no value in the whole table (the
  stage is not recorded at all); a cohort with members and none converted, while other rows did reach
  the stage, is a real 0%.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlglot import exp

from .scope import Cell, Cells
from .sqlparts import col

Fetch = Callable[[exp.Expr], pd.DataFrame]


def has_values_query(table: str, column: str) -> exp.Select:
    """``SELECT COUNT(column) AS present FROM table``: how many rows hold a value."""
    return exp.select(exp.alias_(exp.Count(this=col(column)), "present")).from_(exp.to_table(table))


def has_values(fetch: Fetch, table: str, column: str) -> bool:
    """Whether any row of ``table`` holds a value in ``column`` (NULL everywhere: False)."""
    frame = fetch(has_values_query(table, column))
    return bool(len(frame)) and int(frame["present"].iloc[0] or 0) > 0


def without_values(cells: Cells) -> Cells:
    """The same cells with no value (and no numerator): what is measured over a column that holds none;
    a conversion keeps its cohort (the denominator: those leads exist), a sum its support."""
    return {key: Cell(None, None, cell.denominator, cell.support) for key, cell in cells.items()}
