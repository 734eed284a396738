"""``kpi init``: the shipped catalogue narrowed to what imported data can measure, nothing left dangling."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from scaffold_kit import IMPORT_FIXTURES, ROOT, checked, kpi, kpi_ids, two_spreadsheets_imported

# The two spreadsheets give leads (created, MQL and won dates, channel, company size) and deals (won,
# amount): no SQL or opportunity dates, no target-industry flag, no gross profit, no activities,
# hand-offs or costs. Of the 45 shipped KPIs these 8 read only what is there.
MEASURABLE_FROM_TWO_SPREADSHEETS = [
    "average_deal_size", "deals_won", "dl_to_mql_rate", "lead_time_to_mql", "lead_to_mql_rate",
    "marketing_sourced_revenue", "mql_count", "new_leads",
]  # fmt: skip


def test_two_spreadsheets_keep_the_kpis_their_tables_can_measure(tmp_path: Path) -> None:
    data = two_spreadsheets_imported(tmp_path)
    project_dir = tmp_path / "my-kpis"
    done = kpi("init", str(project_dir), "--data-dir", str(data))
    assert done.exit_code == 0, done.output
    assert sorted(p.stem for p in (project_dir / "metrics").glob("*.yml")) == MEASURABLE_FROM_TWO_SPREADSHEETS
    assert "計測できる KPI 8 個を有効にしました" in done.output
    assert "sql_count: 計測できません — leads.sql_at が必要です" in done.output
    assert "speed_to_lead: 計測できません — handoffs が必要です" in done.output
    assert "marketing_roi: 計測できません — costs, deals.gross_profit_yen が必要です" in done.output
    # The left-out KPIs are kept aside unchanged, and listed with what they need.
    assert len(list((project_dir / "disabled" / "metrics").glob("*.yml"))) == 45 - 8
    shipped = (ROOT / "metrics" / "sql_count.yml").read_bytes()
    assert (project_dir / "disabled" / "metrics" / "sql_count.yml").read_bytes() == shipped
    assert "leads.sql_at" in (project_dir / "disabled" / "README.md").read_text(encoding="utf-8")
    # Through the pipeline: no rule error; the only warnings are volume KPIs whose paired rate was left out.
    validated = checked(project_dir)
    assert not validated.outcome.errors
    assert {issue.code for issue in validated.outcome.warnings} <= {"KPI006"}
    project = validated.project
    assert kpi_ids(project) == MEASURABLE_FROM_TWO_SPREADSHEETS
    assert project.tree is not None and project.tree.spec.kgi == "marketing_sourced_revenue"
    kept = set(MEASURABLE_FROM_TWO_SPREADSHEETS)
    assert all(set(term.related_kpis) <= kept for term in project.terms())
    # "opportunity_rate_is_kpi" was done by a KPI this project does not have: not done here.
    nurture = next(c for c in project.checklists if c.spec.id == "nurture_design")
    item = next(i for i in nurture.spec.items if i.id == "opportunity_rate_is_kpi")
    assert (item.state, item.evidence) == ("not_started", [])
    # The data comes along; the sample's as_of day does not.
    assert sorted(p.name for p in (project_dir / "data").glob("*.parquet")) == [
        "deals.parquet",
        "leads.parquet",
    ]
    assert project.sources is not None and project.sources.spec.as_of is None


def test_without_deals_the_highest_kept_kpi_becomes_the_kgi(tmp_path: Path) -> None:
    data = tmp_path / "data"
    imported = kpi(
        "import", "--project", str(ROOT), "--preset", "hubspot-contacts", "--data-dir", str(data),
        str(IMPORT_FIXTURES / "hubspot-contacts.csv"),
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    project_dir = tmp_path / "hs"
    done = kpi("init", str(project_dir), "--data-dir", str(data))
    assert done.exit_code == 0, done.output
    assert "marketing_sourced_revenue: 計測できません — deals が必要です" in done.output
    validated = checked(project_dir)
    assert not validated.outcome.errors
    project = validated.project
    # Shipped: revenue ← deals_won ← {sql_count, sql_to_won_rate}. Without deals both are roots; sql_count
    # comes first in file order and becomes the KGI, sql_to_won_rate hangs from it.
    assert project.tree is not None and project.tree.spec.kgi == "sql_count"
    tree_of = {k.spec.id: k.spec.tree for k in project.kpis}
    assert (tree_of["sql_count"].level, tree_of["sql_count"].parent) == ("kgi", None)
    assert tree_of["sql_to_won_rate"].parent == "sql_count"
    # sql_count was mql_count × mql_to_sql_rate; with another child that product no longer holds.
    assert tree_of["sql_count"].combine == "contributes"
    assert tree_of["mql_count"].parent == "sql_count"
    assert tree_of["mql_count"].combine == "product"  # its children are as shipped


def test_a_filtered_value_the_data_never_has_leaves_the_kpi_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for preset, export in (
        ("salesforce-leads", "salesforce-leads.csv"),
        ("salesforce-tasks", "salesforce-tasks.csv"),
    ):
        imported = kpi(
            "import", "--project", str(ROOT), "--preset", preset, "--data-dir", str(data),
            str(IMPORT_FIXTURES / export),
        )  # fmt: skip
        assert imported.exit_code == 0, imported.output
    done = kpi("init", str(tmp_path / "sf"), "--data-dir", str(data), "--lang", "en")
    assert done.exit_code == 0, done.output
    # The tasks give activities of one type, email_sent: a delivery rate over them would read 0%.
    assert "email_delivery_rate: cannot be measured — needs activities.type = email_delivered" in done.output
    assert (
        "email_open_rate_human: cannot be measured — needs activities.type = email_delivered,"
        " activities.type = email_open\n" in done.output
    )  # is_machine_open is empty in a tasks report, but the filter reads it only where it has a value


def test_an_existing_project_is_never_overwritten_without_force(tmp_path: Path) -> None:
    data = two_spreadsheets_imported(tmp_path)
    project_dir = tmp_path / "mine"
    project_dir.mkdir()
    (project_dir / "notes.md").write_text("mine", encoding="utf-8")
    refused = kpi("init", str(project_dir), "--data-dir", str(data))
    assert refused.exit_code == 1
    assert "空ではありません" in refused.output and "--force" in refused.output
    assert sorted(p.name for p in project_dir.iterdir()) == ["notes.md"]
    (project_dir / "definitions" / "imports").mkdir(parents=True)
    (project_dir / "definitions" / "imports" / "crm.yml").write_text("ours", encoding="utf-8")
    forced = kpi("init", str(project_dir), "--data-dir", str(data), "--force")
    assert forced.exit_code == 0, forced.output
    # Only what init writes is replaced: the team's notes and import mappings stay.
    assert (project_dir / "notes.md").read_text(encoding="utf-8") == "mine"
    assert (project_dir / "definitions" / "imports" / "crm.yml").read_text(encoding="utf-8") == "ours"
    assert (project_dir / "metrics" / "mql_count.yml").is_file()


def test_the_catalogue_itself_is_never_the_target(tmp_path: Path) -> None:
    data = two_spreadsheets_imported(tmp_path)
    catalogue = tmp_path / "catalogue"  # a copy: were the guard broken, --force would empty it
    for folder in ("metrics", "definitions"):
        shutil.copytree(ROOT / folder, catalogue / folder)
    done = kpi(
        "init", str(catalogue), "--from", str(catalogue), "--data-dir", str(data), "--force", "--lang", "en"
    )
    assert done.exit_code == 1
    assert "is the catalogue being copied" in done.output
    assert len(list((catalogue / "metrics").glob("*.yml"))) == 45


def test_data_without_leads_is_refused_with_what_to_import(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = kpi("init", str(tmp_path / "p"), "--data-dir", str(tmp_path / "empty"), "--lang", "en")
    assert done.exit_code == 1
    assert "no leads table" in done.output and "kpi import" in done.output
    assert not (tmp_path / "p").exists()


def test_rewritten_files_keep_their_schema_line(tmp_path: Path) -> None:
    data = two_spreadsheets_imported(tmp_path)
    kpi("init", str(tmp_path / "p"), "--data-dir", str(data))
    glossary = (tmp_path / "p" / "definitions" / "glossary.yml").read_text(encoding="utf-8")
    assert glossary.startswith("# yaml-language-server: $schema=../schemas/glossary.schema.json\n# kpi init")
    assert isinstance(yaml.safe_load(glossary), dict)
