"""The shipped catalogue measured once on the hand-made data set (see test_kpi_formulas.py's docstring).

Measured on first use and kept for the whole test run: the formula tests and the views built on the
same data read one measurement.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from generator.engine import measure_project
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.measurement import MeasurementSet
from generator.model.project import Project

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"
AS_OF = dt.date(2026, 9, 30)


@cache
def shipped_project() -> Project:
    return load_catalogue(DirectoryTree(ROOT)).project


@cache
def measured_catalogue() -> MeasurementSet:
    """Every shipped KPI, the SLA report, the funnel and the tree, as of Wed 2026-09-30, k = 2."""
    return measure_project(shipped_project(), FIXTURE, as_of=AS_OF, k_anonymity=2)
