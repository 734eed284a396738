"""Measure kinds: one module per ``compute.measure`` (count, ratio, duration, …), listed in ``registry.py``.

A kind binds, for its spec class in :mod:`generator.model.compute`, how it is measured (through the
engine's query builders), the tables and columns it reads (for REF001–REF003, PII001 and the data
files required), the KPIs and SLAs it references, and its formula read aloud on the KPI page.

The rules read kinds too, and ``kpi check`` must not load the data stack (pandas, DuckDB): a kind
imports the engine inside the methods that measure, which only the engine's evaluator calls.
"""
