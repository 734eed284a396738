"""Checks on an imported export, as on the sample: required columns, every lifecycle pair in order,
first contact before won, near-miss references, unknown labels with examples, columns with no value.

Each table below is small and hand-made; the comments count what each check must find.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import AS_OF, KPI_YML, ts, write_tables

from generator.checks import run_data_checks
from generator.checks.examples import looks_personal
from generator.loading.safe_yaml import parse_yaml
from generator.model.check_result import CheckResult
from generator.model.kpi import Kpi
from generator.model.project import Loaded, Project
from generator.model.sources import Sources

pytestmark = pytest.mark.usefixtures("great_expectations_imported")

SOURCES = """\
as_of: "2026-09-30"
tables:
  - id: leads
    description: リード
    primary_key: lead_id
    columns:
      - {name: lead_id, type: string, description: リードID, nullable: false}
      - {name: created_at, type: timestamp, description: 獲得日時}
      - {name: channel, type: string, description: チャネル, nullable: false}
      - {name: mql_at, type: timestamp, description: MQL日時}
      - {name: sql_at, type: timestamp, description: SQL日時}
      - {name: opportunity_at, type: timestamp, description: 商談化日時}
      - {name: won_at, type: timestamp, description: 受注日時}
      - {name: lost_at, type: timestamp, description: 失注日時}
      - {name: email, type: string, description: メール, personal: true, nullable: false}
    checks:
      - {check: ordered, before: mql_at, after: sql_at}
  - id: handoffs
    description: 引き渡し
    primary_key: handoff_id
    columns:
      - {name: handoff_id, type: string, description: 引き渡しID}
      - {name: lead_id, type: string, description: リードID}
      - {name: first_contact_at, type: timestamp, description: 初回接触日時}
  - id: products
    description: 製品
    primary_key: name
    columns:
      - {name: name, type: string, description: 製品名}
  - id: deals
    description: 商談
    primary_key: deal_id
    columns:
      - {name: deal_id, type: string, description: 商談ID}
      - {name: closed_at, type: timestamp, description: 受注日}
      - name: stage
        type: string
        description: ステージ
        allowed: [closed_won, closed_lost]
      - {name: product, type: string, description: 製品名}
      - {name: amount, type: float, description: 金額}
    checks:
      - {check: allowed_values, column: stage}
      - {check: references, column: product, table: products, to: name}
"""


def imported_leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3", "L4"],
            "created_at": ts("2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04"),
            # nullable: false, never declared not_null: L2 and L4 empty → 2 rows
            "channel": ["ads", None, "webinar", None],
            "mql_at": ts(None, None, "2026-09-05", None),
            "sql_at": ts(None, None, "2026-09-06", None),
            # L2: opportunity before creation → created_at ≤ opportunity_at breaks once
            "opportunity_at": ts(None, "2026-08-20", "2026-09-07", "2026-09-10"),
            # L1: won before created (MQL, SQL, opportunity empty) → created_at ≤ won_at breaks once;
            # L3: won 09-08, after every stage: fine
            "won_at": ts("2026-08-15", None, "2026-09-08", None),
            # L4: lost before its opportunity → opportunity_at ≤ lost_at breaks once
            "lost_at": ts(None, None, None, "2026-09-09"),
            "email": ["a@example.jp", "b@example.jp", "c@example.jp", "d@example.jp"],
        }
    )


def imported_handoffs() -> pd.DataFrame:
    # H1 (L1, won 08-15) first contacted 09-02: after the win → 1; H3 (L3, won 09-08) on 09-06: fine;
    # H2 (L2, never won) is not compared.
    return pd.DataFrame(
        {
            "handoff_id": ["H1", "H2", "H3"],
            "lead_id": ["L1", "L2", "L3"],
            "first_contact_at": ts("2026-09-02", "2026-09-03", "2026-09-06"),
        }
    )


def imported_deals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "deal_id": [f"D{n}" for n in range(1, 8)],
            "closed_at": ts(*["2026-09-10"] * 7),
            # outside [closed_won, closed_lost]: 'Closed Won' ×3, '受注' ×1, an email ×1 → 5 rows
            "stage": [
                "Closed Won",
                "Closed Won",
                "Closed Won",
                "受注",
                "closed_won",
                "x.y@example.jp",
                "closed_lost",
            ],
            # missing from products: 'GTXPro' ×2 and 'gtx pro' ×1 (spacing/case of 'GTX Pro'), 'Zeta' ×1 → 4
            "product": ["GTXPro", "GTXPro", "gtx pro", "Zeta", "GTX Pro", "Alpha", None],
            "amount": [None] * 7,  # the export carried no amounts
        }
    )


def revenue_kpi() -> Loaded[Kpi]:
    text = KPI_YML.format(kpi_id="revenue", grain="month", checks="[]").replace(
        "{measure: count, table: leads, time: created_at}",
        "{measure: sum, table: deals, column: amount, time: closed_at}",
    )
    document = parse_yaml(text.encode())
    return Loaded(Kpi.model_validate(document.data), "metrics/revenue.yml", document)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckResult]:
    document = parse_yaml(SOURCES.encode())
    sources = Loaded(Sources.model_validate(document.data), "definitions/sources.yml", document)
    data = write_tables(
        tmp_path_factory.mktemp("imported"),
        leads=imported_leads(),
        handoffs=imported_handoffs(),
        products=pd.DataFrame({"name": ["GTX Pro", "Alpha"]}),
        deals=imported_deals(),
    )
    project = Project(sources=sources, kpis=(revenue_kpi(),))
    report = run_data_checks(project, data, None, as_of=AS_OF)
    return {result.check_id: result for result in report.results}


def test_nullable_false_is_enforced(results: dict[str, CheckResult]) -> None:
    channel = results["table:leads:not_null:channel"]
    assert (channel.success, channel.unexpected_count, channel.element_count) == (False, 2, 4)
    assert str(channel.location) == "definitions/sources.yml:9:9"  # the column's declaration
    assert results["table:leads:not_null:lead_id"].success
    assert "table:leads:not_null:email" not in results  # personal columns are never read


@pytest.mark.parametrize(
    ("pair", "broken"),
    [
        ("created_at:mql_at", 0),
        ("created_at:sql_at", 0),
        ("created_at:opportunity_at", 1),  # L2
        ("created_at:won_at", 1),  # L1
        ("created_at:lost_at", 0),
        ("mql_at:opportunity_at", 0),
        ("mql_at:won_at", 0),
        ("sql_at:opportunity_at", 0),
        ("opportunity_at:won_at", 0),
        ("opportunity_at:lost_at", 1),  # L4
        ("mql_at:sql_at", 0),  # declared in sources.yml, not doubled
    ],
)
def test_every_lifecycle_pair_is_ordered(results: dict[str, CheckResult], pair: str, broken: int) -> None:
    result = results[f"table:leads:ordered:{pair}"]
    assert (result.success, result.unexpected_count or 0) == (broken == 0, broken)


def test_every_lifecycle_pair_is_checked_once() -> None:
    ordered = [check_id for check_id in _ids() if check_id.startswith("table:leads:ordered:")]
    # created, mql, sql, opportunity: 6 pairs; each with won and lost: 8 more → 14, mql→sql declared once
    assert len(ordered) == len(set(ordered)) == 14


def _ids() -> list[str]:
    document = parse_yaml(SOURCES.encode())
    sources = Loaded(Sources.model_validate(document.data), "definitions/sources.yml", document)
    from generator.checks.implied import implied_checks

    implied = implied_checks(Project(sources=sources))["leads"]
    names = [
        f"table:leads:ordered:{item.check.before}:{item.check.after}"
        for item in implied
        if item.check.check == "ordered"
    ]
    return [*names, "table:leads:ordered:mql_at:sql_at"]


def test_first_contact_after_won_fails(results: dict[str, CheckResult]) -> None:
    result = results["table:handoffs:ordered:first_contact_at:leads.won_at"]
    assert (result.success, result.unexpected_count, result.element_count) == (False, 1, 3)
    assert "1 hand-offs were first contacted after their lead was won" in result.message_en


def test_unknown_stage_labels_are_counted_with_examples(results: dict[str, CheckResult]) -> None:
    stage = results["table:deals:allowed_values:stage"]
    assert (stage.success, stage.unexpected_count) == (False, 5)
    assert stage.message_ja.endswith("(例: 「Closed Won」×3、「受注」×1)")
    assert stage.message_en.endswith('(e.g. "Closed Won" ×3, "受注" ×1)')
    assert "example.jp" not in stage.message_ja + stage.message_en  # an email is never quoted


def test_references_name_values_differing_only_in_spacing_or_case(results: dict[str, CheckResult]) -> None:
    product = results["table:deals:references:product"]
    assert (product.success, product.unexpected_count) == (False, 4)
    assert "「GTXPro」×2(「GTX Pro」と空白・大文字小文字だけが違う)" in product.message_ja
    assert "「gtx pro」×1(「GTX Pro」と空白・大文字小文字だけが違う)" in product.message_ja
    assert '"Zeta" ×1,' in product.message_en  # no near key: the value alone


def test_a_column_a_kpi_reads_without_any_value_is_a_warning(results: dict[str, CheckResult]) -> None:
    amount = results["table:deals:has_values:amount"]
    assert (amount.success, amount.severity) == (False, "warning")
    assert "no row holds a value" in amount.message_en
    assert results["table:deals:has_values:closed_at"].success  # the KPI's time column has values
    assert "table:deals:has_values:stage" not in results  # no KPI reads it


@pytest.mark.parametrize(
    ("value", "personal"),
    [
        ("taro@example.jp", True),
        ("03-1234-5678", True),
        ("+81 90 1234 5678", True),
        ("Closed Won", False),
        ("1000+", False),
        ("2026", False),
    ],
)
def test_values_that_look_personal_are_never_quoted(value: str, personal: bool) -> None:
    assert looks_personal(value) is personal


def test_a_clean_import_passes(tmp_path: Path) -> None:
    document = parse_yaml(SOURCES.encode())
    sources = Loaded(Sources.model_validate(document.data), "definitions/sources.yml", document)
    leads = imported_leads().assign(
        channel=["ads"] * 4,
        opportunity_at=ts(None, "2026-09-03", "2026-09-07", "2026-09-10"),
        won_at=ts(None, None, "2026-09-08", None),
        lost_at=ts(None, None, None, "2026-09-11"),
    )
    deals = imported_deals().assign(stage=["closed_won"] * 7, product=["GTX Pro"] * 7, amount=[1.0] * 7)
    data = write_tables(
        tmp_path / "data",
        leads=leads,
        handoffs=imported_handoffs(),
        products=pd.DataFrame({"name": ["GTX Pro", "Alpha"]}),
        deals=deals,
    )
    report = run_data_checks(Project(sources=sources, kpis=(revenue_kpi(),)), data, None, as_of=AS_OF)
    assert [r.check_id for r in report.failed] == []
