"""``kpi sql``: the shipped catalogue compiles for every warehouse dialect and parses back in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlglot
from click.testing import CliRunner
from measure_kit import ROOT
from sqlglot import exp
from sqlglot.errors import ErrorLevel, UnsupportedError

from generator.cli import main
from generator.engine.compiling import Compiled, compile_catalogue
from generator.engine.dialects import DIALECTS, render
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree


@pytest.fixture(scope="module")
def compiled() -> list[Compiled]:
    loaded = load_catalogue(DirectoryTree(ROOT))
    assert not loaded.issues
    return compile_catalogue(loaded.project, dt.date(2026, 9, 30))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_query_of_the_catalogue_renders_and_parses_back(compiled: list[Compiled], dialect: str) -> None:
    kpis = [c.kpi_id for c in compiled if c.kpi_id]
    assert len(kpis) >= 40 and all(c.queries for c in compiled), "every KPI compiles to some query"
    assert compiled[-1].kpi_id is None and compiled[-1].queries  # the tree, funnel and SLA reports
    for part in compiled:
        for query in part.queries:
            text = render(query, dialect)
            parsed = sqlglot.parse_one(text, read=dialect, error_level=ErrorLevel.RAISE)
            # Parsed back, it renders again without any unsupported construct.
            parsed.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)


def test_spark_gets_exact_medians_and_numeric_differences(compiled: list[Compiled]) -> None:
    text = "\n".join(render(q, "spark") for c in compiled for q in c.queries)
    assert "PERCENTILE(" in text and "PERCENTILE_APPROX" not in text
    assert "UNIX_MICROS(" in text and "EPOCH" not in text  # durations in seconds, not intervals
    assert "DATEDIFF(" in text and "XXHASH64(" not in text  # the key is computed when tables load
    assert "MATERIALIZED" not in text


def test_bigquery_windows_sort_nulls_last_by_a_key_of_their_own() -> None:
    """The engine orders windows NULLs last (DuckDB's order); BigQuery cannot say NULLS LAST there."""
    query = sqlglot.parse_one(
        "SELECT SUM(x) OVER (PARTITION BY k ORDER BY t ROWS 3 PRECEDING) AS s FROM a", read="duckdb"
    )
    with pytest.raises(UnsupportedError):  # what sqlglot alone refuses
        query.sql(dialect="bigquery", unsupported_level=ErrorLevel.RAISE)
    assert "ORDER BY t IS NULL, t ROWS" in render(query, "bigquery")
    assert "ORDER BY t ROWS" in render(query, "duckdb")


def test_a_query_sqlglot_cannot_express_is_refused_not_approximated() -> None:
    median = exp.select(sqlglot.parse_one("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x)")).from_("t")
    assert render(median, "spark") == "SELECT PERCENTILE(x, 0.5) FROM t"
    assert "APPROX" not in render(median, "trino")  # sqlglot alone writes APPROX_PERCENTILE


def test_kpi_sql_prints_one_kpi_for_a_dialect_with_its_place(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sql", "--project", str(ROOT), "--dialect", "bigquery", "new_leads"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("-- new_leads (metrics/new_leads.yml:")
    assert "TIMESTAMP_TRUNC(" in result.output  # BigQuery's spelling
    statements = [s for s in result.output.split(";\n") if s.strip() and not s.startswith("--")]
    assert statements and all(sqlglot.parse_one(s, read="bigquery") for s in statements[1:])


def test_kpi_sql_names_the_known_kpis_for_an_unknown_one() -> None:
    result = CliRunner().invoke(main, ["sql", "--project", str(ROOT), "--lang", "en", "no_such_kpi"])
    assert result.exit_code == 1
    assert "no KPI 'no_such_kpi'" in result.output and "new_leads" in result.output


def test_trinos_exact_percentile_interpolates_like_percentile_cont() -> None:
    """Trino's spelling, run on DuckDB (its list functions renamed), gives PERCENTILE_CONT's values."""
    import duckdb

    from generator.engine.dialects import _warehouse_spelling

    asked = sqlglot.parse_one(
        "SELECT g, PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY x) AS p FROM t GROUP BY g ORDER BY g"
    )
    spelled = asked.transform(lambda node: _warehouse_spelling(node, "trino"))
    renamed = {"CARDINALITY": "LEN", "ELEMENT_AT": "LIST_EXTRACT"}
    on_duckdb = spelled.transform(
        lambda n: (
            exp.Anonymous(this=renamed[n.name.upper()], expressions=n.expressions)
            if isinstance(n, exp.Anonymous) and n.name.upper() in renamed
            else n
        )
    )
    values = "(1, 10.0), (1, 20.0), (1, 40.0), (1, NULL), (2, 5.0), (3, NULL)"
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE t AS SELECT * FROM (VALUES {values}) AS v(g, x)")
    # Group 1: sorted 10, 20, 40; position 0.25 * 2 = 0.5 → 10 + 0.5 * (20 - 10) = 15.
    assert connection.execute(on_duckdb.sql("duckdb")).fetchall() == [(1, 15.0), (2, 5.0), (3, None)]
    assert connection.execute(asked.sql("duckdb")).fetchall() == [(1, 15.0), (2, 5.0), (3, None)]
