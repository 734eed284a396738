from __future__ import annotations

import pytest

from generator.rules.chk001_evidence_unresolved import EvidenceUnresolved

from .conftest import Sandbox

RULE = EvidenceUnresolved()
CHECKLIST = "definitions/checklists/nurture_design.yml"


@pytest.mark.parametrize(
    ("old", "new", "where", "reason"),
    [
        (
            "standard_sla.response_deadline.business_hours",
            "standard_sla.response_deadline.hours",
            "17:26",
            "SLA 'standard_sla' has no clause 'response_deadline.hours' ('hours' not found)",
        ),
        ("standard_sla.mql.summary", "standard_sla", "11:26", "name the SLA clause too"),
        ("standard_sla.mql.summary", "mql_sla.mql.summary", "11:26", "no SLA 'mql_sla'"),
        ("ref: mql_to_sql_rate}", "ref: mql_sql_rate}", "24:26", "no KPI 'mql_sql_rate'"),
        ("leads.unique.lead_id", "leads.unique.email", "30:33", "no data check 'leads.unique.email'"),
        ("leads.row_count", "deals.row_count", "32:33", "no data check 'deals.row_count'"),
        ("kpi:mql_count", "kpi:lead_count", "33:33", "no KPI 'lead_count'"),
        ("{kind: table, ref: leads}", "{kind: table, ref: lead}", "34:28", "no table 'lead'"),
        (
            "{kind: glossary, ref: mql}",
            "{kind: glossary, ref: MQL}",
            "40:31",
            "no glossary term with id 'MQL'",
        ),
    ],
)
def test_unresolved_reference(sandbox: Sandbox, old: str, new: str, where: str, reason: str) -> None:
    sandbox.edit(CHECKLIST, old, new)
    assert sandbox.found(RULE) == [f"{CHECKLIST}:{where} CHK001"]
    assert reason in sandbox.issues(RULE)[0].message_en


def test_kpi_data_check_needs_a_kpi_with_checks(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/mql_count.yml",
        "checks:\n  - {check: no_missing_periods}\n  - {check: minimum_volume, min: 10}\n",
        "",
    )
    assert sandbox.found(RULE) == [f"{CHECKLIST}:33:33 CHK001"]


def test_sla_list_items_by_index_and_by_id(sandbox: Sandbox) -> None:
    sandbox.edit(
        CHECKLIST, "standard_sla.scoring.rules.pricing_view.points", "standard_sla.scoring.rules.2.points"
    )
    assert sandbox.found(RULE) == []


def test_minimal_project_passes(sandbox: Sandbox) -> None:
    assert sandbox.found(RULE) == []
