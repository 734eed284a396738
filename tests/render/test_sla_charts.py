"""The SLA page's charts: speed to lead, score distribution, weekly and team compliance, MQL agreement."""

from __future__ import annotations

import datetime as dt

from chart_kit import REPORT, layer_values

from generator.render import charts


def test_speed_to_lead_bins_are_split_at_the_deadline_with_a_rule() -> None:
    block = charts.speed_to_lead_chart(REPORT)
    bins = [(r["範囲"], r["件数"], r["区分"]) for r in layer_values(block.spec, "bar")]
    assert bins == [
        ("0〜1時間", 120, "通常の期限内"),
        ("1〜4時間", 60, "通常の期限内"),
        ("4〜8時間", 30, "通常の期限超過"),
        ("8〜24時間", 5, "通常の期限超過"),
    ]
    # Hot leads have a shorter deadline: the colours say which deadline they read against.
    assert layer_values(block.spec, "rule") == [{"位置": 4.0, "ラベル": "通常の期限 4時間"}]


def test_score_distribution_marks_bins_from_the_threshold_up() -> None:
    block = charts.score_distribution_chart(REPORT)
    assert [(r["範囲"], r["区分"]) for r in layer_values(block.spec, "bar")] == [
        ("0〜30点", "閾値未満"),
        ("30〜60点", "閾値未満"),
        ("60〜90点", "MQL 水準"),
    ]
    assert layer_values(block.spec, "rule") == [{"位置": 60, "ラベル": "閾値 60点"}]


def test_compliance_charts_by_week_and_team() -> None:
    weekly = charts.compliance_by_week_chart(REPORT, target=0.8)
    assert [(r["期間"], r["期間名"], r["表示"], r["母数"]) for r in layer_values(weekly.spec, "point")] == [
        ("2026/9/14週", "9月14日〜20日の週", "81.0%", "43"),
        ("9/21週", "9月21日〜27日の週", "75.0%", "40"),
    ]
    assert layer_values(weekly.spec, "rule") == [{"目標": 0.8, "ラベル": "目標 80%"}]
    # A target between whole percents is labelled as it is, not rounded to a neighbour.
    precise = charts.compliance_by_week_chart(REPORT, target=0.925)
    assert layer_values(precise.spec, "rule") == [{"目標": 0.925, "ラベル": "目標 92.5%"}]
    assert [r["ラベル"] for r in layer_values(precise.spec, "text") if "ラベル" in r] == ["目標 92.5%"]
    team = charts.compliance_by_team_chart(REPORT, {"is_east": "インサイドセールス東日本"})
    assert team is not None
    assert [r["チーム"] for r in layer_values(team.spec, "bar")] == ["インサイドセールス東日本"]


def test_the_week_running_on_the_as_of_date_is_grey_and_says_so() -> None:
    # Thursday 24 September 2026 is inside 2026-W39 (21–27 September): that week is 途中.
    weekly = charts.compliance_by_week_chart(REPORT, target=0.8, as_of=dt.date(2026, 9, 24))
    rows = layer_values(weekly.spec, "point")
    assert [(r["期間"], r["状態"]) for r in rows] == [("2026/9/14週", "確定"), ("9/21週", "途中")]
    dots = next(layer for layer in weekly.spec["layer"] if layer["mark"]["type"] == "point")
    colour = dots["encoding"]["color"]
    assert colour["field"] == "状態"
    assert dict(zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True)) == {
        "確定": "#3f6fb5",
        "途中": "#b0b0b0",
    }
    assert [t["title"] for t in dots["encoding"]["tooltip"]] == ["週", "遵守率", "引き渡し件数", "状態"]
    assert "#b0b0b0" in weekly.svg  # the static chart greys it too
    # A week after, both are complete: nothing grey, no legend.
    done = charts.compliance_by_week_chart(REPORT, target=0.8, as_of=dt.date(2026, 9, 30))
    assert {r["状態"] for r in layer_values(done.spec, "point")} == {"確定"}
    assert "#b0b0b0" not in done.svg


def test_mql_agreement_splits_record_and_rule() -> None:
    block = charts.mql_agreement_chart(REPORT)
    assert [(r["区分"], r["件数"]) for r in layer_values(block.spec, "bar")] == [
        ("両方で MQL", 250),
        ("記録のみ(ルール外)", 50),
        ("ルールのみ(未記録)", 30),
    ]
