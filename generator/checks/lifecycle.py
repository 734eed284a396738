"""The lead lifecycle's order: created ≤ MQL ≤ SQL ≤ opportunity ≤ won / lost, every pair of it.

sources.yml declares a few ``ordered`` checks; an imported export breaks the others just as easily (a
deal won before its lead was created). Every pair of stages a table holds is checked, not only the
neighbours: with SQL empty, MQL → opportunity is still an order to keep.
"""

from __future__ import annotations

from itertools import combinations

from ..model.sources import Table

# Stages in order; the last step ends either won or lost (two outcomes, not an order between them).
LIFECYCLE = ("created_at", "mql_at", "sql_at", "opportunity_at")
OUTCOMES = ("won_at", "lost_at")
TEMPORAL = ("timestamp", "date")


def lifecycle_pairs(table: Table) -> list[tuple[str, str]]:
    """Every (before, after) pair of lifecycle stages declared as timestamps in ``table``, in stage order."""
    present = [name for name in (*LIFECYCLE, *OUTCOMES) if _temporal(table, name)]
    stages = [name for name in present if name in LIFECYCLE]
    pairs = list(combinations(stages, 2))
    pairs += [(stage, outcome) for outcome in present if outcome in OUTCOMES for stage in stages]
    return pairs


def _temporal(table: Table, name: str) -> bool:
    column = table.column(name)
    return column is not None and column.type in TEMPORAL and not column.personal
