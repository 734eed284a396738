"""Hashed lead keys measure what the ids measure, and a collision falls back to the ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from sqlglot import exp

from generator.engine import DuckDbBackend, measure_project, source_sql
from generator.engine.datafiles import check_files
from generator.engine.evaluate import backend_fetch
from generator.engine.lead_keys import keys_unique
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.measurement import MeasurementSet
from generator.model.project import Project
from generator.model.sources import Column

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"
AS_OF = dt.date(2026, 9, 30)


class IdKeyedBackend(DuckDbBackend):
    """Registers every table with the lead ids themselves as keys, whatever it is asked."""

    def register_tables(
        self,
        files: Mapping[str, Path],
        columns: Mapping[str, Sequence[Column]],
        *,
        hashed_lead_keys: bool = True,
    ) -> None:
        super().register_tables(files, columns, hashed_lead_keys=False)


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(ROOT)).project


@pytest.fixture(scope="module")
def hashed(project: Project) -> MeasurementSet:
    return measure_project(project, FIXTURE, as_of=AS_OF, k_anonymity=2)


def test_hashed_keys_measure_what_the_ids_measure(project: Project, hashed: MeasurementSet) -> None:
    by_ids = measure_project(project, FIXTURE, as_of=AS_OF, k_anonymity=2, backend=IdKeyedBackend())
    assert by_ids == hashed
    assert all(m.error is None for m in hashed.kpis.values())


def test_colliding_keys_fall_back_to_the_ids(
    project: Project, hashed: MeasurementSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_key = source_sql.lead_key  # type: ignore[attr-defined]  # the name source_sql calls

    def one_key_for_all(lead_id: exp.Expr, *, hashed: bool = True) -> exp.Expr:
        # Every lead shares one "hash": measured with these keys, all leads would be one.
        return exp.Literal.number(7) if hashed else real_key(lead_id, hashed=False)

    monkeypatch.setattr(source_sql, "lead_key", one_key_for_all)
    assert project.sources is not None
    leads = check_files(FIXTURE, project.sources.spec.tables, ["leads"])["leads"]
    colliding = DuckDbBackend()
    colliding.register_tables({"leads": leads.path}, {"leads": leads.columns})
    assert not keys_unique(backend_fetch(colliding))
    colliding.close()

    assert measure_project(project, FIXTURE, as_of=AS_OF, k_anonymity=2) == hashed
