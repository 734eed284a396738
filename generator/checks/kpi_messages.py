"""Bilingual messages for KPI series checks: KPI, rule and a count of periods."""

from __future__ import annotations

import datetime as dt

from .messages import Explain, evaluated
from .plan import Messages, Outcome


def _bounds(minimum: float | None, maximum: float | None) -> str:
    low = "" if minimum is None else f"{minimum:g}"
    high = "" if maximum is None else f"{maximum:g}"
    return f"{low}–{high}"


def spoken_range(minimum: float | None, maximum: float | None) -> tuple[str, str, str]:
    """The range as a person says it: inside, outside, and the condition (0〜1 の範囲内 / 0 以上 / 1 以下)."""
    low = None if minimum is None else f"{minimum:g}"
    high = None if maximum is None else f"{maximum:g}"
    if low is not None and high is not None:
        return f"{low}〜{high} の範囲内", f"{low}〜{high} の範囲外", f"{low}〜{high} の範囲内かどうか"
    if low is not None:
        return f"{low} 以上", f"{low} を下回っています", f"{low} 以上かどうか"
    if high is not None:
        return f"{high} 以下", f"{high} を上回っています", f"{high} 以下かどうか"
    return "範囲の指定なし", "範囲の指定なし", "範囲"


def between(kpi: str, minimum: float | None, maximum: float | None, empty: int = 0) -> Explain:
    """A range check counts only the periods that have a value; the empty ones are named, not counted."""
    bounds = _bounds(minimum, maximum)
    inside, outside, condition = spoken_range(minimum, maximum)
    rule = f"between: {bounds}"
    empty_ja, empty_en = (f"({empty} 期間は値なし)", f" ({empty} without a value)") if empty else ("", "")

    def explain(outcome: Outcome) -> Messages:
        valued = outcome.element_count or 0
        if outcome.success and valued == 0:
            return (
                f"{kpi}: 値のある期間がないため、{condition}は確かめられません{empty_ja} ({rule})",
                f"{kpi}: no period has a value, so the range {bounds} cannot be checked{empty_en} ({rule})",
            )
        which_ja = f"値のある {valued} 期間" if empty else f"{valued} 期間"
        which_en = f"{valued} periods with a value" if empty else f"{valued} periods"
        if outcome.success:
            return (
                f"{kpi}: {which_ja}すべてが {inside}です{empty_ja} ({rule})",
                f"{kpi}: all {which_en} are within {bounds}{empty_en} ({rule})",
            )
        count = outcome.unexpected_count or 0
        tail = "" if outside.endswith("います") else "です"
        return (
            f"{kpi}: {which_ja}のうち {count} 期間が {outside}{tail}{empty_ja} ({rule})"
            " — 計算の定義と元データを確認してください",
            f"{kpi}: {count} of {which_en} fall outside {bounds}{empty_en} ({rule})"
            " — check the definition and the data",
        )

    return evaluated(rule, kpi, explain)


def no_missing_periods(kpi: str) -> Explain:
    rule = "no_missing_periods"

    def explain(outcome: Outcome) -> Messages:
        periods = outcome.element_count or 0
        if outcome.success:
            return (
                f"{kpi}: {periods} 期間すべてに値があります ({rule})",
                f"{kpi}: all {periods} periods are measured ({rule})",
            )
        count = outcome.unexpected_count or 0
        return (
            f"{kpi}: {periods} 期間のうち {count} 期間が計測されていません ({rule})"
            " — データが欠けた期間がないか確認してください",
            f"{kpi}: {count} of {periods} periods are not measured ({rule}) — look for gaps in the data",
        )

    return evaluated(rule, kpi, explain)


def not_null(kpi: str) -> Explain:
    rule = "not_null"

    def explain(outcome: Outcome) -> Messages:
        if outcome.success:
            return (f"{kpi}: 空の値はありません ({rule})", f"{kpi}: no empty values ({rule})")
        count = outcome.unexpected_count or 0
        return (
            f"{kpi}: 値が空の期間が {count} 期間あります ({rule}) — 分母が 0 の期間がないか確認してください",
            f"{kpi}: {count} periods have no value ({rule}) — look for periods with a zero denominator",
        )

    return evaluated(rule, kpi, explain)


def latest_period_present(kpi: str, required: dt.date, latest: dt.date | None) -> Explain:
    rule = "latest_period_present"

    def explain(outcome: Outcome) -> Messages:
        start = required.isoformat()
        if outcome.success:
            return (
                f"{kpi}: 最新の期間({start} から)にデータがあります ({rule})",
                f"{kpi}: the latest period (from {start}) has data ({rule})",
            )
        if latest is None:
            return (
                f"{kpi}: データのある期間が 1 つもありません ({rule}) — データと計算の定義を確認してください",
                f"{kpi}: no period has data ({rule}) — check the data and the definition",
            )
        return (
            f"{kpi}: 最新の期間({start} から)にデータがありません(値なし、または 0 件)。"
            f"データのある最後の期間は {latest.isoformat()} からです ({rule})"
            " — 最新のデータを取り込んでください",
            f"{kpi}: the latest period (from {start}) has no data (no value, or zero); the last period with "
            f"data starts {latest.isoformat()} ({rule}) — load the latest data",
        )

    return evaluated(rule, kpi, explain)


def minimum_volume(kpi: str, minimum: int, volume: float) -> Explain:
    rule = f"minimum_volume: ≥ {minimum:,}"

    def explain(outcome: Outcome) -> Messages:
        if outcome.success:
            return (
                f"{kpi}: 最新の期間の母数は {volume:,.0f} です ({rule})",
                f"{kpi}: the latest period's volume is {volume:,.0f} ({rule})",
            )
        return (
            f"{kpi}: 最新の期間の母数 {volume:,.0f} が最小 {minimum:,} に届きません ({rule}) — "
            "値がぶれやすいので、期間を広げるか注記を付けてください",
            f"{kpi}: the latest period's volume {volume:,.0f} is below {minimum:,} ({rule}) — "
            "the value is unstable; widen the period or add a note",
        )

    return evaluated(rule, kpi, explain)


def no_checks(kpi: str) -> Messages:
    return (
        f"{kpi}: データチェックがありません"
        " — checks: に between・no_missing_periods・latest_period_present を追加してください",
        f"{kpi}: the KPI has no data checks"
        " — add between, no_missing_periods and latest_period_present under checks:",
    )


def measurement_failed(kpi: str, error: str) -> Messages:
    return (
        f"{kpi}: 計測に失敗したため、データチェックを実行できません — {error}",
        f"{kpi}: measuring failed, so its data checks cannot run — {error}",
    )


def not_measured(kpi: str) -> Messages:
    return (
        f"{kpi}: 計測結果がないため、データチェックを実行できません — エンジンの出力を確認してください",
        f"{kpi}: the KPI was not measured, so its data checks cannot run — check the engine's output",
    )
