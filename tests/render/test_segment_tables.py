"""Segment tables name their quarter, list rows by value (hidden last), align numbers right, show names."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.measurement import SegmentValue
from generator.render.inputs import SiteInputs
from generator.render.pages.kpi import render_kpi_page

REPO = Path(__file__).resolve().parents[2]

# new_leads in FY2026-Q2 (as of 2026-09-30 the latest complete fiscal quarter is July–September).
# Campaign keys are ids; the engine attached names. Values: CP002 55, CP001 30, CP005 no value;
# CP003 and CP004 hidden (under k, or hidden with one) — hidden rows go last, ordered by name only.
CAMPAIGNS = (
    SegmentValue("campaign", "CP001", 30.0, None, label="Google 検索広告"),
    SegmentValue("campaign", "CP002", 55.0, None, label="秋の展示会"),
    SegmentValue("campaign", "CP003", None, None, suppressed=True, label="Meta 広告"),
    SegmentValue("campaign", "CP004", None, None, suppressed=True, label="LinkedIn 広告"),
    SegmentValue("campaign", "CP005", None, None, label="休止中のメルマガ"),
    SegmentValue("campaign", "(未設定)", 40.0, None),  # leads with no campaign recorded (engine.scope)
)
CHANNELS = (
    SegmentValue("channel", "webinar", 1200.0, None),
    SegmentValue("channel", "ads", 1350.0, None),
    SegmentValue("channel", "referral", None, None, suppressed=True),
)


@pytest.fixture(scope="module")
def page() -> str:
    project = load_catalogue(DirectoryTree(REPO)).project
    measurements = fake_measurements(project)
    measured = dataclasses.replace(measurements.kpis["new_leads"], segments=CHANNELS + CAMPAIGNS)
    measurements = dataclasses.replace(measurements, kpis={**measurements.kpis, "new_leads": measured})
    loaded = project.kpi("new_leads")
    assert loaded is not None
    return render_kpi_page(loaded.spec, SiteInputs(project, measurements, fake_checks(project)))


def table_lines(page: str, heading: str) -> list[str]:
    """The Markdown table rows under ``### heading``."""
    lines = page.split(f"\n### {heading}\n", 1)[1].lstrip("\n").splitlines()
    return lines[: next((i for i, line in enumerate(lines) if not line.startswith("|")), len(lines))]


def test_the_segment_section_names_its_quarter(page: str) -> None:
    quarter = "2026年度第2四半期(2026年7月1日〜2026年9月30日)"
    assert f"セグメント別の値は、直近の終わった四半期である{quarter}のものです。" in page


def test_campaign_rows_show_names_by_value_with_hidden_rows_last(page: str) -> None:
    assert table_lines(page, "キャンペーン") == [
        "| キャンペーン | 値(2026年度第2四半期) | 母数 |",
        "|---|--:|--:|",  # numbers align right
        "| 秋の展示会 | 55件 | — |",
        "| (未設定) | 40件 | — |",  # the missing value's own key, never merged with a literal 「unknown」
        "| Google 検索広告 | 30件 | — |",
        "| 休止中のメルマガ | — | — |",  # measured, no value: after the values
        "| LinkedIn 広告 | —(非表示) | — |",  # hidden: last, by name (L before M), never by value
        "| Meta 広告 | —(非表示) | — |",
    ]
    assert "CP00" not in page  # ids never shown where a name is known


def test_channel_rows_sort_by_value_too(page: str) -> None:
    assert table_lines(page, "チャネル")[2:] == [
        "| 広告 | 1,350件 | — |",
        "| ウェビナー | 1,200件 | — |",
        "| 紹介 | —(非表示) | — |",
    ]
