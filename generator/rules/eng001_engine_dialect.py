"""ENG001 engine-dialect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..model.issue import Issue
from ..model.project import Project
from .base import Rule


class EngineDialect(Rule):
    """Every KPI's queries can be written in the SQL of the engine ``kpi.yml`` names, exactly.

    The queries are compiled against the declared schema (no data is read) and rendered for the
    engine's dialect; a construct it cannot express, or could only approximate (a median that would
    become ``PERCENTILE_APPROX``), fails here instead of on the cluster. DuckDB, the embedded engine,
    is the dialect the queries are written in: nothing to check.

    Bad (``kpi.yml``: ``engine: spark``, with an engine build whose Spark spelling of a median is
    approximate)::

        compute: {measure: duration, table: leads, start: created_at, end: mql_at,
                  statistic: median, unit: days}

    Good: the same KPI once the engine spells the median exactly for Spark (``PERCENTILE``), or
    ``engine: duckdb``.
    """

    code = "ENG001"
    name = "engine-dialect"
    title_ja = "エンジンの SQL で書ける"
    summary_ja = "すべての KPI のクエリを、kpi.yml で指定したエンジンの SQL でそのまま書けること。"

    def check(self, project: Project) -> Iterable[Issue]:
        engine = project.settings.spec.engine if project.settings else "duckdb"
        if engine == "duckdb" or project.sources is None or not project.kpis:
            return
        from ..engine.compiling import compile_catalogue  # DuckDB and pandas load only when needed
        from ..engine.dialects import UnsupportedQuery, render

        for compiled in compile_catalogue(project, dt.date.today()):
            loaded = project.kpi(compiled.kpi_id) if compiled.kpi_id else None
            if loaded is None:
                continue  # the tree, funnel and SLA queries: the engine's own, covered by its tests
            reasons: list[str] = []
            for query in compiled.queries:
                try:
                    render(query, engine)
                except UnsupportedQuery as error:
                    if error.reason not in reasons:
                        reasons.append(error.reason)
            if reasons:
                yield self.issue(
                    loaded.at("compute"),
                    f"エンジン {engine} の SQL ではこの KPI を正確に計算できません({'; '.join(reasons)})"
                    " — kpi.yml の engine を duckdb にするか、計算方法(compute)を変えてください",
                    f"engine {engine}'s SQL cannot compute this KPI exactly ({'; '.join(reasons)})"
                    " — set engine: duckdb in kpi.yml, or change the computation (compute)",
                )
