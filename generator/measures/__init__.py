"""Measure kinds: one module per ``compute.measure`` (count, ratio, duration, …), listed in ``registry.py``.

A kind binds, for its spec class in :mod:`generator.model.compute`, how it is measured (through the
engine's query builders), the tables and columns it reads (for REF001–REF003, PII001 and the data
check), the KPIs and SLAs it references, and its formula read aloud on the KPI page.
"""

from __future__ import annotations

# The engine's evaluator dispatches through the registry, and the kinds call the engine's query
# builders: loading the engine package first settles that cycle whichever side is imported first.
from .. import engine as _engine  # noqa: F401
