"""Deterministic, seeded sample MA/SFA data in the canonical tables of ``definitions/sources.yml``."""

from __future__ import annotations

from .generate import TABLE_ORDER, SampleResult, generate_sample, lead_count, sample_as_of
from .writer import SampleError, arrow_schema, table_path

__all__ = [
    "TABLE_ORDER",
    "SampleError",
    "SampleResult",
    "arrow_schema",
    "generate_sample",
    "lead_count",
    "sample_as_of",
    "table_path",
]
