"""One figure per question: SLA compliance reads the same on the SLA page, the KPI page and the team table.

Hand-made hand-offs, measured by the engine and rendered by the page code. Calendar: Mon–Fri 09:00–18:00,
Japanese holidays (2026-09-21/22/23 Silver Week). Deadline 8 business hours; hot leads 2 business hours.
As of Wed 2026-09-30: the latest complete week is 2026-W39 (Mon 09-21 – Sun 09-27; Thu 24 and Fri 25 are
its working days), W40 is 「途中」, and the latest complete quarter is FY2026-Q2 (Jul–Sep, ended on as-of).

    id  team     trigger  handed off        first contact     business hours      judged
    H1  is_east  score    Thu 09-24 10:00   Thu 09-24 15:00   5   ≤ 8            met
    H2  is_east  score    Thu 09-24 11:00   Fri 09-25 12:00   7 + 3 = 10 > 8     breached
    H3  is_west  hot      Thu 09-24 10:00   Thu 09-24 13:00   3   > 2 (hot)      breached
    H4  is_west  hot      Fri 09-25 14:00   Fri 09-25 15:30   1.5 ≤ 2            met
    H5  is_west  score    Thu 09-24 09:00   never             deadline Thu 17:00 passed: breached
    H6  is_east  score    Fri 09-25 16:00   Mon 09-28 10:00   2 + 1 = 3 ≤ 8      met
    H7  is_east  score    Wed 09-30 15:00   never             deadline Thu 10-01 14:00: not yet due (W40)

W39 = Q2 = H1–H6: 3 met of 6 decided = 50.0%. is_east H1 ✓ H2 ✗ H6 ✓ = 2/3 = 66.7%;
is_west H3 ✗ H4 ✓ H5 ✗ = 1/3 = 33.3%. H3's lead is owned by is_east, but the deadline was is_west's.
H7 is undecided: in no denominator, and W40 has no value.
The old SLA page headline (contacted hand-offs only, 8 h for hot leads too) read H1 H3 H4 H6 of the five
contacted as in time: 80.0%.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from measure_kit import T, activities, kpi, leads, measure, project, sla_spec

from generator.model.check_result import CheckReport
from generator.model.kpi import Kpi
from generator.model.measurement import MeasurementSet
from generator.model.project import Project
from generator.model.sla import Sla
from generator.render.inputs import SiteInputs
from generator.render.pages.kpi import render_kpi_page
from generator.render.pages.sla import render_sla

K = 2  # every team here has 3 decided hand-offs: shown


def make_sla() -> Sla:
    data = sla_spec().model_dump(mode="json")
    data["response_deadline"] = {"business_hours": 8, "hot_lead_business_hours": 2}
    return Sla.model_validate(data)


def compliance_kpi() -> Kpi:
    return kpi(
        "sla_compliance",
        {"measure": "sla_compliance", "sla": "test_sla"},
        grain="week",
        kind="rate",
        unit="percent",
        decimals=1,
        segments=["owner_team"],
        targets=[
            {
                "value": 0.9,
                "deadline": "2027-03-31",
                "direction": "at_least",
                "period": "fiscal_year",
                "scope": "全引き渡し",
            }
        ],
        thresholds={"on_track": 0.9, "at_risk": 0.8},
    )


def handoff(number: int, team: str, trigger: str, handed: str, contact: str | None) -> dict[str, Any]:
    return {
        "handoff_id": f"H{number}",
        "lead_id": f"L{number}",
        "handed_off_at": T(handed),
        "trigger": trigger,
        "team": team,
        "first_contact_at": T(contact) if contact else pd.NaT,
    }


HANDOFFS = pd.DataFrame(
    [
        handoff(1, "is_east", "score", "2026-09-24 10:00", "2026-09-24 15:00"),
        handoff(2, "is_east", "score", "2026-09-24 11:00", "2026-09-25 12:00"),
        handoff(3, "is_west", "hot_lead", "2026-09-24 10:00", "2026-09-24 13:00"),
        handoff(4, "is_west", "hot_lead", "2026-09-25 14:00", "2026-09-25 15:30"),
        handoff(5, "is_west", "score", "2026-09-24 09:00", None),
        handoff(6, "is_east", "score", "2026-09-25 16:00", "2026-09-28 10:00"),
        handoff(7, "is_east", "score", "2026-09-30 15:00", None),
    ]
)
OWNERS = {1: "is_east", 2: "is_east", 3: "is_east", 4: "is_west", 5: "is_west", 6: "is_east", 7: "is_east"}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, MeasurementSet]:
    frames = {
        "leads": leads([{"lead_id": f"L{n}", "owner_team": team} for n, team in OWNERS.items()]),
        "handoffs": HANDOFFS,
        "activities": activities([(f"L{n}", "2026-09-20 10:00", "download") for n in OWNERS]),
    }
    sla, kpis = make_sla(), [compliance_kpi()]
    tmp: Path = tmp_path_factory.mktemp("sla_one_figure")
    measurements = measure(tmp, frames, kpis, slas=[sla], k_anonymity=K)
    return project(kpis, slas=[sla]), measurements


@pytest.fixture(scope="module")
def pages(measured: tuple[Project, MeasurementSet]) -> tuple[str, str]:
    proj, measurements = measured
    inputs = SiteInputs(proj, measurements, CheckReport(()), k_anonymity=K)
    sla_page = render_sla(make_sla(), inputs)
    kpi_page = render_kpi_page(compliance_kpi(), inputs)
    return sla_page, kpi_page


def test_the_engine_counts_every_handoff_against_its_own_deadline(
    measured: tuple[Project, MeasurementSet],
) -> None:
    _, measurements = measured
    series = {p.period: p for p in measurements.kpis["sla_compliance"].series}
    assert (series["2026-W39"].numerator, series["2026-W39"].denominator) == (3.0, 6.0)
    assert series["2026-W40"].value is None  # H7 is not yet due: undecided, not a breach
    report = measurements.slas[0]
    quarter = {p.period: p for p in report.compliance_by_quarter}["FY2026-Q2"]
    assert (quarter.numerator, quarter.denominator) == (3.0, 6.0)
    teams = {s.key: (s.value, s.denominator) for s in report.compliance_by_team}
    assert {k: (round(v or 0, 4), d) for k, (v, d) in teams.items()} == {
        "is_east": (0.6667, 3.0),
        "is_west": (0.3333, 3.0),
    }
    # The KPI's own owner_team segment: the same cells, the hand-off's team (H3 counts for is_west).
    segments = {s.key: (s.value, s.denominator) for s in measurements.kpis["sla_compliance"].segments}
    assert segments == teams


def test_sla_page_headline_is_the_latest_complete_week_and_says_so(pages: tuple[str, str]) -> None:
    sla_page, _ = pages
    assert (
        "**SLA遵守率 50.0%** — 9月21日〜27日の週(直近の完了した週)。"
        "判定済みの引き渡し 6件のうち、期限内に初回接触 3件(目標 90.0% 以上)。" in sla_page
    )
    assert "80.0%" not in sla_page  # the contacted-only, 8-hours-for-everyone figure is gone
    assert "期限が来るまで分母に入れません" in sla_page


def test_the_weekly_chart_draws_the_kpis_target(pages: tuple[str, str]) -> None:
    sla_page, _ = pages
    # The chart's spec (escaped JSON in data-spec) and its static SVG both carry the labelled rule.
    assert "{&quot;ラベル&quot;:&quot;目標 90%&quot;,&quot;目標&quot;:0.9}" in sla_page
    assert ">目標 90%</text>" in sla_page


def test_every_table_and_chart_states_its_window(pages: tuple[str, str]) -> None:
    sla_page, _ = pages
    assert "対象: 2025年10月1日〜2026年9月30日(直近12か月)に引き渡し、初回接触した引き渡し" in sla_page
    assert (
        "グラフ: 2025年9月29日〜2026年10月4日(直近12か月にかかる週。"
        "9月28日〜10月4日の週 は途中で、判定しません)" in sla_page
    )
    assert "表: 2026年7月6日〜10月4日(直近13週。9月28日〜10月4日の週 は途中で" in sla_page
    assert "| 9月28日〜10月4日の週(途中) | — | 0件 |" in sla_page  # H7 is not yet due
    assert "対象: 2026年7月1日〜9月30日(2026年度第2四半期、直近の完了した四半期)に引き渡した分" in sla_page


def test_the_same_figure_on_the_sla_page_the_kpi_page_and_the_team_table(pages: tuple[str, str]) -> None:
    sla_page, kpi_page = pages
    headline = re.search(r"\*\*SLA遵守率 ([\d.]+%)\*\* — (\S+?)\(", sla_page)
    assert headline is not None and headline.groups() == ("50.0%", "9月21日〜27日の週")
    # The KPI page's trend table, the same week (2026-W39, named in words): value, the week's target, its
    # status, numerator, denominator.
    assert "| 9月21日〜27日の週 | 50.0% | 90.0% | 🔴 未達 | 3 | 6 |" in kpi_page
    # The SLA page's weekly table and team table (the quarter holds only W39's hand-offs).
    assert "| 9月21日〜27日の週 | 50.0% | 6件 |" in sla_page
    assert "| 全チーム | 50.0% | 6件 |" in sla_page
    sla_teams = dict(re.findall(r"^\| (IS \S+) \| ([\d.]+%) \| 3件 \|$", sla_page, re.M))
    kpi_teams = dict(re.findall(r"^\| (IS \S+) \| ([\d.]+%) \| 3 \|$", kpi_page, re.M))
    assert sla_teams == kpi_teams == {"IS 東日本": "66.7%", "IS 西日本": "33.3%"}
