"""Money in its own currency: sources.yml names a money column's currency, the KPIs reading it show it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.kpi import Kpi
from generator.render.chart_specs.formatting import axis_format, axis_title
from generator.render.formatting import format_change, format_kpi_value, format_value, share_note

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@pytest.mark.parametrize(
    ("currency", "shown"),
    [
        (None, "¥1,235"),  # JPY by default, as before
        ("JPY", "¥1,235"),
        ("USD", "US$1,235"),
        ("EUR", "€1,235"),
        ("GBP", "£1,235"),
        ("CHF", "CHF 1,235"),  # no symbol known: the code itself
    ],
)
def test_money_is_written_in_its_currency(currency: str | None, shown: str) -> None:
    assert format_value(1234.5, "yen", 0, currency) == shown


def test_negative_money_and_other_units_are_unchanged() -> None:
    assert format_value(-5.0, "yen", 0, "USD") == "-US$5"
    assert format_value(0.25, "percent", 1, "USD") == "25.0%"  # a currency never touches a rate


def kpis_with_currencies(tmp_path: Path) -> dict[str, Kpi]:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    sources = project / "definitions" / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    deals_amount = "      - {name: amount_yen, type: float, description: 金額(円), nullable: false}\n"
    assert text.count(deals_amount) == 2  # deals first, then costs
    text = text.replace(
        deals_amount, deals_amount.replace("nullable: false}", "nullable: false, currency: USD}"), 1
    )
    sources.write_text(text, encoding="utf-8")
    loaded = load_catalogue(DirectoryTree(project))
    assert not [issue for issue in loaded.issues if issue.severity.name == "ERROR"], loaded.issues
    return {item.spec.id: item.spec for item in loaded.project.kpis}


def test_kpis_reading_a_dollar_column_are_in_dollars(tmp_path: Path) -> None:
    kpis = kpis_with_currencies(tmp_path)
    assert kpis["revenue"].currency == "USD"  # sums deals.amount_yen, declared USD
    assert kpis["avg_deal_size"].currency == "USD"  # revenue / deals_won: through the KPI it divides
    assert kpis["cost_per_mql"].currency is None  # costs.amount_yen: yen (no currency declared)
    assert format_kpi_value(kpis["revenue"], 1_500_000.0) == "US$1,500,000"
    assert format_change(kpis["revenue"], 100.0, 250.0) == "+US$150"
    assert format_kpi_value(kpis["cost_per_mql"], 8000.0) == "¥8,000"


def test_charts_name_a_foreign_currency(tmp_path: Path) -> None:
    revenue = kpis_with_currencies(tmp_path)["revenue"]
    assert axis_title(revenue.name, revenue.unit, revenue.currency) == f"{revenue.name}(USD)"
    assert axis_format(revenue.unit, revenue.decimals, revenue.currency) == {"format": ",~f"}  # not 万/億
    assert axis_title("費用", "yen") == "費用(円)"


def test_a_currency_written_on_the_kpi_wins(tmp_path: Path) -> None:
    project = tmp_path / "stated"
    shutil.copytree(MINIMAL, project)
    metric = project / "metrics" / "cost_per_mql.yml"
    metric.write_text(
        metric.read_text(encoding="utf-8").replace("unit: yen\n", "unit: yen\ncurrency: EUR\n"),
        encoding="utf-8",
    )
    loaded = load_catalogue(DirectoryTree(project))
    cost = next(item.spec for item in loaded.project.kpis if item.spec.id == "cost_per_mql")
    assert cost.currency == "EUR"
    assert format_kpi_value(cost, 8000.0) == "€8,000"


def test_a_share_of_a_dollar_target_names_the_whole_in_dollars(tmp_path: Path) -> None:
    revenue = kpis_with_currencies(tmp_path)["revenue"]
    (target,) = revenue.targets  # US$100,000,000 for the fiscal year
    note = share_note(revenue, target, 100_000_000 / 12)
    assert note is not None and "年度目標 US$100,000,000" in note and "¥" not in note
