"""Charts: aggregates in, deterministic Vega-Lite spec + static SVG + page HTML out."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import altair as alt
import pytest
from chart_kit import REPORT, layer_values

from generator.model.kpi import Kpi
from generator.model.measurement import (
    Funnel,
    FunnelStage,
    KpiMeasurement,
    Point,
    SegmentValue,
)
from generator.render import charts


def make_kpi(**changes: Any) -> Kpi:
    spec: dict[str, Any] = {
        "id": "mql_to_sql_rate",
        "name": "MQL→SQL転換率",
        "name_en": "MQL to SQL conversion rate",
        "description": "MQL のうち 90 日以内に SQL になった割合。",
        "stage": "bottom",
        "kind": "rate",
        "unit": "percent",
        "decimals": 1,
        "grain": "month",
        "compute": {
            "measure": "conversion",
            "table": "leads",
            "cohort": "mql_at",
            "converted": "sql_at",
            "window_days": 90,
        },
        "segments": ["channel"],
        "owner": {"team": "marketing", "person": "佐藤 美咲"},
        "phase": "operating",
        "cadence": "monthly",
        "targets": [
            {"value": 0.2, "deadline": "2027-03-31", "direction": "at_least", "scope": "全チャネル"},
        ],
        "thresholds": {"on_track": 0.2, "at_risk": 0.15},
        "tree": {"level": "kpi", "parent": "sql_count", "ksf": "nurture_quality"},
    }
    spec.update(changes)
    return Kpi.model_validate(spec)


def month(m: int, value: float | None, denominator: float | None = 120) -> Point:
    return Point(f"2026-{m:02d}", dt.date(2026, m, 1), value, None, denominator)


AS_OF = dt.date(2026, 9, 30)
TARGET = {"目標": 0.2, "目標表示": "20.0%"}  # a rate's target holds for every period as written
MEASUREMENT = KpiMeasurement(
    kpi_id="mql_to_sql_rate",
    grain="month",
    series=(month(6, 0.22), month(7, 0.16), month(8, 0.14), month(9, None)),
    segments=(
        SegmentValue("channel", "webinar", 0.25, 80),
        SegmentValue("channel", "event", 0.12, 60),
        SegmentValue("channel", "referral", 0.5, 2, suppressed=True),
        SegmentValue("industry", "it", 0.3, 40),
    ),
)

FUNNEL = Funnel(
    overall=(
        FunnelStage("leads", 4000, None),
        FunnelStage("mql", 520, 0.13),
        FunnelStage("sql", 104, 0.2),
    ),
    by_channel={
        "webinar": (FunnelStage("leads", 1200, None), FunnelStage("mql", 200, 0.1667)),
        "ads": (FunnelStage("leads", 2000, None), FunnelStage("mql", 150, 0.075)),
    },
)


def test_trend_rows_carry_period_formatted_value_status_and_denominator() -> None:
    block = charts.trend_chart(make_kpi(), MEASUREMENT, AS_OF, 0)
    assert layer_values(block.spec, "point") == [
        {
            "期間": "2026年6月",
            "期間名": "2026年6月",
            "値": 0.22,
            "表示": "22.0%",
            "状態": "順調",
            **TARGET,
            "母数": "120",
        },
        {
            "期間": "7月",
            "期間名": "2026年7月",
            "値": 0.16,
            "表示": "16.0%",
            "状態": "要注意",
            **TARGET,
            "母数": "120",
        },
        {
            "期間": "8月",
            "期間名": "2026年8月",
            "値": 0.14,
            "表示": "14.0%",
            "状態": "未達",
            **TARGET,
            "母数": "120",
        },
        {"期間": "9月", "期間名": "2026年9月", "値": None, "表示": "—", "状態": "—", **TARGET, "母数": "120"},
    ]
    assert layer_values(block.spec, "rect") == [{"下限": 0.15, "上限": 0.2, "注意ゾーン": "15.0%〜20.0%"}]
    assert layer_values(block.spec, "rule") == [{"目標": 0.2, "ラベル": "目標 20.0%"}]
    point_layer = next(layer for layer in block.spec["layer"] if layer["mark"]["type"] == "point")
    assert [t["title"] for t in point_layer["encoding"]["tooltip"]] == [
        "期間",
        "値",
        "状態",
        "この期間の目標",
        "母数",
    ]
    assert point_layer["encoding"]["color"]["scale"]["domain"] == ["順調", "要注意", "未達", "途中", "成熟中"]
    assert point_layer["encoding"]["x"]["title"] == "期間"
    # The axis names the periods short, in order; the tooltip's 期間 is the full 「2026年7月」.
    assert point_layer["encoding"]["x"]["sort"] == ["2026年6月", "7月", "8月", "9月"]
    assert point_layer["encoding"]["x"]["axis"]["values"] == ["2026年6月", "7月", "8月", "9月"]
    assert point_layer["encoding"]["tooltip"][0] == {"field": "期間名", "title": "期間", "type": "nominal"}


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "shown", "axis_title"),
    [
        ("yen", 0, 1200000.0, "120万円(¥1,200,000)", "平均受注単価(円)"),
        ("count", 0, 12.0, "12件", "平均受注単価(件)"),
        ("days", 1, 3.5, "3.5日", "平均受注単価(日)"),
        ("hours", 0, 4.0, "4時間", "平均受注単価(時間)"),
    ],
)
def test_tooltip_value_uses_the_kpis_unit(
    unit: str, decimals: int, value: float, shown: str, axis_title: str
) -> None:
    kpi = make_kpi(name="平均受注単価", unit=unit, decimals=decimals, targets=[], thresholds=None)
    measurement = KpiMeasurement("x", "month", (month(9, value, None),))
    block = charts.trend_chart(kpi, measurement, AS_OF, 0)
    assert layer_values(block.spec, "point") == [
        {"期間": "2026年9月", "期間名": "2026年9月", "値": value, "表示": shown, "状態": "—"}
    ]
    line = next(layer for layer in block.spec["layer"] if layer["mark"]["type"] == "line")
    assert line["encoding"]["y"]["title"] == axis_title
    assert [layer["mark"]["type"] for layer in block.spec["layer"]] == ["line", "point"]  # no band, no rule


def test_segment_chart_leaves_suppressed_segments_out_of_the_data() -> None:
    block = charts.segment_chart(make_kpi(), MEASUREMENT, "channel")
    assert block is not None
    assert layer_values(block.spec, "bar") == [
        {"区分": "ウェビナー", "値": 0.25, "表示": "25.0%", "状態": "順調", "母数": "80"},
        {"区分": "展示会・イベント", "値": 0.12, "表示": "12.0%", "状態": "未達", "母数": "60"},
    ]
    assert "referral" not in block.html and "紹介" not in block.html and "0.5" not in json.dumps(block.spec)
    assert block.spec["title"]["subtitle"] == [
        "破線は目標 20.0%",
        "※ 対象が少ない 1 区分は個人の特定を避けるため表示していません",
    ]


def test_segment_charts_skip_dimensions_with_nothing_to_show() -> None:
    only_suppressed = KpiMeasurement(
        "x", "month", (month(9, 0.2),), (SegmentValue("channel", "ads", 0.3, 2, suppressed=True),)
    )
    assert charts.segment_chart(make_kpi(), only_suppressed, "channel") is None
    assert list(charts.segment_charts(make_kpi(), MEASUREMENT)) == ["channel", "industry"]
    assert list(charts.segment_charts(make_kpi(), only_suppressed)) == []


def test_funnel_labels_counts_and_conversion_from_the_stage_above() -> None:
    block = charts.funnel_chart(FUNNEL.overall)
    assert [(row["段階"], row["ラベル"]) for row in layer_values(block.spec, "bar")] == [
        ("リード", "4,000件"),
        ("MQL", "520件(前段階から13.0%)"),
        ("SQL", "104件(前段階から20.0%)"),
    ]


def test_channel_conversion_grid_has_one_cell_per_channel_and_transition() -> None:
    block = charts.channel_conversion_chart(FUNNEL, {"ads": "広告"})
    assert block is not None
    cells = [(r["チャネル"], r["段階"], r["表示"]) for r in layer_values(block.spec, "rect")]
    assert cells == [("広告", "リード→MQL", "7.5%"), ("ウェビナー", "リード→MQL", "16.7%")]
    assert charts.channel_conversion_chart(Funnel(overall=FUNNEL.overall)) is None


def test_html_holds_the_escaped_spec_and_a_one_line_static_svg() -> None:
    block = charts.trend_chart(make_kpi(), MEASUREMENT, AS_OF, 0)
    match = re.fullmatch(
        r'<div class="kpi-chart" role="img" aria-label="([^"]*)" data-search-exclude="true" '
        r'data-spec="([^"]*)">'
        r'<div class="kpi-chart__static">(<svg .*</svg>)</div></div>',
        block.html,
    )
    assert match is not None
    assert match.group(1) == "MQL→SQL転換率の推移と目標"
    assert json.loads(html.unescape(match.group(2))) == block.spec
    assert match.group(3) == block.svg
    assert "\n" not in block.html
    # The static SVG lays out the Japanese labels and draws the line and points.
    assert ">期間</text>" in block.svg and ">目標 20.0%</text>" in block.svg
    assert len(re.findall(r"<path ", block.svg)) > 5


def test_specs_are_deterministic_small_and_hold_no_urls() -> None:
    first = charts.trend_chart(make_kpi(), MEASUREMENT, AS_OF, 0)
    second = charts.trend_chart(make_kpi(), MEASUREMENT, AS_OF, 0)
    assert first.html == second.html
    text = charts.canonical_json(first.spec)
    assert "$schema" not in first.spec and "http" not in text and "url" not in text
    assert len(text) < 6000
    assert list(first.spec) == sorted(first.spec)


def test_generated_param_and_view_names_are_renumbered() -> None:
    rows = [{"a": 1}]
    hover = alt.selection_point(on="pointerover")
    chart = alt.layer(
        alt.Chart(alt.InlineData(values=rows)).mark_bar().encode(x="a:Q").add_params(hover),
        alt.Chart(alt.InlineData(values=rows)).mark_text().encode(x="a:Q"),
    )
    spec = charts.chart_block(chart).spec
    assert spec["params"][0]["name"] == "param_1"
    assert spec["params"][0]["views"] == ["view_1"]
    assert spec["layer"][0]["name"] == "view_1"


def test_definition_text_is_escaped_in_the_html_and_the_svg() -> None:
    kpi = make_kpi(name="<script>window.__pwned=1</script>率")
    block = charts.trend_chart(kpi, MEASUREMENT, AS_OF, 0)
    assert "<script" not in block.html
    assert "&lt;script&gt;" in block.svg


def test_vega_bundle_is_written_once(tmp_path: Path) -> None:
    target = charts.write_vega_bundle(tmp_path / "js")
    assert target == tmp_path / "js" / "vega-bundle.js"
    text = target.read_text(encoding="utf-8")
    assert "window.vegaEmbed=" in text and len(text) > 500_000
    stamp = target.stat().st_mtime_ns
    charts.write_vega_bundle(tmp_path / "js")
    assert target.stat().st_mtime_ns == stamp


def every_chart_kind() -> list[charts.ChartBlock | None]:
    kpi = make_kpi()
    return [
        charts.trend_chart(kpi, MEASUREMENT, AS_OF, 0),
        *charts.segment_charts(kpi, MEASUREMENT).values(),
        charts.funnel_chart(FUNNEL.overall),
        charts.channel_conversion_chart(FUNNEL),
        charts.speed_to_lead_chart(REPORT),
        charts.compliance_by_week_chart(REPORT),
        charts.compliance_by_team_chart(REPORT),
        charts.score_distribution_chart(REPORT),
        charts.mql_agreement_chart(REPORT),
    ]


def test_every_chart_names_itself_for_screen_readers() -> None:
    blocks = every_chart_kind()
    labels = [re.search(r'aria-label="([^"]*)"', b.html).group(1) for b in blocks if b is not None]  # type: ignore[union-attr]
    assert labels == [
        "MQL→SQL転換率の推移と目標",
        "MQL→SQL転換率のチャネル別内訳",
        "MQL→SQL転換率の業種別内訳",
        "ファネルの段階別件数と転換率",
        "チャネル別・段階別の転換率",
        "初回対応時間の分布と対応期限",
        "週ごとの SLA 遵守率",
        "チーム別の SLA 遵守率",
        "リードスコアの分布と MQL 閾値",
        "記録上の MQL とルール上の MQL の一致",
    ]


def test_every_chart_kind_is_valid_vega_lite() -> None:
    # The build skips Altair's validation for speed; this is where a malformed spec is caught.
    schema = alt.vegalite.v6.schema.core.load_schema()
    # The trend chart is a hand-written dict: also without a target (one colour, no band, no rule).
    untargeted = charts.trend_chart(make_kpi(targets=[], thresholds=None), MEASUREMENT, AS_OF, 0)
    for block in [*every_chart_kind(), untargeted]:
        assert block is not None
        alt.utils.schemapi.validate_jsonschema(block.spec, schema)


def test_weekly_axis_labels_a_few_periods_and_always_the_latest() -> None:
    weeks = tuple(
        Point(f"2026-W{w:02d}", dt.date(2026, 1, 5) + dt.timedelta(weeks=w - 1), 0.2, None, 50)
        for w in range(1, 53)
    )
    weekly = KpiMeasurement(kpi_id="mql_to_sql_rate", grain="week", series=weeks)
    block = charts.trend_chart(make_kpi(), weekly, AS_OF, 0)
    ticks = [t for t in re.findall(r">((?:2026/)?\d+/\d+週)</text>", block.svg)]
    # 52 weeks in steps of 7, counted back from the latest: W03, W10, …, W52, named by their Mondays
    # (W03 starts on 12 January 2026), the first with its year.
    assert ticks == ["2026/1/12週", "3/2週", "4/20週", "6/8週", "7/27週", "9/14週", "11/2週", "12/21週"]
    assert len(layer_values(block.spec, "line")) == 52  # every week is still drawn


def test_static_svg_names_the_sites_japanese_fonts() -> None:
    svg = charts.trend_chart(make_kpi(), MEASUREMENT, AS_OF, 0).svg
    assert 'font-family="sans-serif"' not in svg
    assert svg.count("font-family=") == svg.count('font-family="&quot;Noto Sans CJK JP&quot;')
