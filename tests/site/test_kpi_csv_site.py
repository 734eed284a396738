"""The built site's CSV files: beside every KPI page, aggregates only, hidden where the page hides."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.slow

K = 5  # kpi.yml's k_anonymity in the sample
HIDDEN_CELL = "—(非表示)"


def csv_files(site: Path) -> list[Path]:
    return sorted(site.glob("kpis/*/*.csv"))


def rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_kpi_page_has_its_two_files(built_site: Path) -> None:
    pages = sorted(p.parent.name for p in built_site.glob("kpis/*/index.html"))
    assert [p.name for p in csv_files(built_site)] == [
        name for kpi in pages for name in (f"{kpi}-segments.csv", f"{kpi}-series.csv")
    ]


def test_no_personal_value_from_the_leads_table_is_in_any_csv(built_site: Path) -> None:
    leads = pq.read_table(built_site.parent / "data/leads.parquet", columns=["name", "email", "phone"])
    personal = {str(v) for column in leads.columns for v in column.to_pylist() if v}
    assert len(personal) > 1000  # the sample really has them
    for path in csv_files(built_site):
        cells = {cell for row in rows(path) for cell in row.values()}
        text = path.read_text(encoding="utf-8-sig")
        assert not cells & personal, path
        assert not any(value in text for value in personal if len(value) >= 6), path


def test_no_segment_under_k_and_the_same_rows_hidden_as_on_the_page(built_site: Path) -> None:
    hidden_somewhere = 0
    for path in sorted(built_site.glob("kpis/*/*-segments.csv")):
        segment_rows = rows(path)
        hidden = [r for r in segment_rows if r["注記"]]
        for row in hidden:
            assert row["値"] == "" and row["母数"] == "", row
        for row in segment_rows:
            if not row["注記"] and row["母数"]:
                assert float(row["母数"]) >= K, row
        page = (path.parent / "index.html").read_text(encoding="utf-8")
        assert len(hidden) == page.count(HIDDEN_CELL), path
        hidden_somewhere += len(hidden)
    assert hidden_somewhere > 0  # the sample does hide some segments


def test_both_site_engines_write_the_same_bytes(built_site: Path, zensical_site: Path) -> None:
    for path in csv_files(built_site):
        assert (zensical_site / path.relative_to(built_site)).read_bytes() == path.read_bytes()


def test_the_footer_stamps_data_as_of_and_the_build_outside_git(built_site: Path) -> None:
    # The test project is a copy outside any git repository: no commit, no build time, never the clock.
    page = (built_site / "kpis/mql_to_sql_rate/index.html").read_text(encoding="utf-8")
    assert '<code data-stamp="commit">git 外</code>' in page
    assert '<span data-stamp="built">—</span>' in page
    assert '<span data-stamp="as-of">20' in page
