"""How numbers, dates and statuses read on the site: pure functions, Japanese first."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from ..model.kpi import UNIT_SYMBOLS, Kpi, Target
from ..model.periods import Period
from ..model.readings import Reading
from ..model.target_shares import seasonal_factor, target_on
from .period_text import format_period as format_period  # one wording of periods for every page

StatusCode = Literal["on_track", "at_risk", "off_track", "no_target", "pending", "no_data", "data_problem"]

STATUS_LABELS: dict[StatusCode, str] = {
    "on_track": "順調",
    "at_risk": "要注意",
    "off_track": "未達",
    "no_target": "判定基準なし",
    # Only periods still running or cohorts still converting have values: nothing complete to judge yet.
    "pending": "判定待ち(途中・成熟中の期間のみ)",
    "no_data": "データなし",
    # A failed error-level data check on what the KPI reads: its value is withheld and not judged.
    "data_problem": "データに問題あり",
}
STATUS_ICONS: dict[StatusCode, str] = {
    "on_track": "🟢",
    "at_risk": "🟡",
    "off_track": "🔴",
    "no_target": "⚪",
    "pending": "⏳",
    "no_data": "⚪",
    "data_problem": "⚠️",
}
STATUS_ORDER: tuple[StatusCode, ...] = (
    "data_problem",
    "off_track",
    "at_risk",
    "on_track",
    "no_target",
    "pending",
    "no_data",
)

GRAIN_LABELS = {"week": "週", "month": "月", "quarter": "四半期", "fiscal_year": "年度"}
PHASE_LABELS = {"getting_started": "導入初期", "operating": "運用定着期", "advanced": "高度活用期"}
PHASE_ORDER = ("getting_started", "operating", "advanced")
CADENCE_LABELS = {
    "per_send": "配信ごと",
    "per_event": "イベントごと",
    "weekly": "毎週",
    "monthly": "毎月",
    "quarterly": "四半期ごと",
}
STAGE_LABELS = {
    "top": "獲得(ファネル上部)",
    "middle": "育成(ファネル中部)",
    "bottom": "商談・受注(ファネル下部)",
    "sla": "SLA",
    "any": "全段階",
}
STAGE_ORDER = ("top", "middle", "bottom", "sla", "any")
KIND_LABELS = {"volume": "量", "rate": "率", "currency": "金額", "duration": "時間", "ratio": "比率"}
DIRECTION_LABELS = {"at_least": "以上", "at_most": "以下"}
SEGMENT_LABELS = {
    "channel": "チャネル",
    "campaign": "キャンペーン",
    "industry": "業種",
    "company_size": "従業員規模",
    "owner_team": "担当ISチーム",
}

# Japanese names for the allowed values of definitions/sources.yml and the funnel stages; unknown
# keys show as written. Charts use the same names (generator.render.chart_specs.formatting).
VALUE_LABELS: dict[str, str] = {
    "webinar": "ウェビナー",
    "whitepaper": "ホワイトペーパー",
    "ads": "広告",
    "owned_media": "オウンドメディア",
    "event": "展示会・イベント",
    "referral": "紹介",
    "inquiry": "問い合わせ",
    "manufacturing": "製造",
    "it": "IT・通信",
    "finance": "金融",
    "retail": "小売",
    "healthcare": "医療",
    "logistics": "物流",
    "construction": "建設",
    "other": "その他",
    "1-49": "1〜49名",
    "50-299": "50〜299名",
    "300-999": "300〜999名",
    "1000+": "1000名以上",
    "pricing": "料金ページ",
    "service": "サービス紹介ページ",
    "case_study": "導入事例ページ",
    "blog": "ブログ",
    "contact": "問い合わせページ",
    "landing": "ランディングページ",
    "is_east": "IS 東日本",
    "is_west": "IS 西日本",
}
FUNNEL_STAGE_LABELS: dict[str, str] = {
    "leads": "リード",
    "mql": "MQL",
    "sql": "SQL",
    "opportunity": "商談",
    "won": "受注",
}


ACTIVITY_LABELS: dict[str, str] = {
    "email_sent": "メール送信",
    "email_delivered": "メール配信成功",
    "email_open": "メール開封",
    "email_click": "メールのクリック",
    "email_bounce": "メールの不達",
    "email_unsubscribe": "配信停止",
    "page_view": "ページ閲覧",
    "form_submit": "フォーム送信",
    "download": "資料ダウンロード",
    "webinar_register": "ウェビナー申込",
    "webinar_attend": "ウェビナー参加",
}


def activity_label(activity: str | None) -> str:
    """An activity type (activities.type) in Japanese; ``None`` (an attribute rule) as a dash."""
    if activity is None:
        return "—"
    return ACTIVITY_LABELS.get(activity, activity)


def value_label(key: str) -> str:
    """A segment key or funnel stage in Japanese (``webinar`` → ウェビナー); unknown keys as written."""
    return VALUE_LABELS.get(key, FUNNEL_STAGE_LABELS.get(key, key))


def code_label(code: str) -> str:
    """Any allowed value of the canonical tables in Japanese (channels, activity types…)."""
    return VALUE_LABELS.get(code) or ACTIVITY_LABELS.get(code) or FUNNEL_STAGE_LABELS.get(code, code)


def suppressed_text(k: int) -> str:
    """What a hidden segment shows instead of its value: one text for every hidden segment, whether
    it is under k or hidden with one (``engine.suppression``), so the page does not tell which."""
    return "—(非表示)"


def suppression_note(k: int) -> str:
    """The note under a breakdown with hidden segments."""
    return (
        f"非表示の区分は、{k}件未満の区分と、合計からの差し引きでその値が求められないよう"
        "併せて伏せた区分です(どちらかは示しません)。"
    )


def displayed(value: float | None, unit: str, decimals: int = 0) -> float | None:
    """``value`` at the precision :func:`format_value` shows (0.0857588… → 0.086 at 8.6%): what
    charts and JSON publish, so a rate times its denominator gives back no more than the page shows."""
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    places = decimals + 2 if unit == "percent" else decimals
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(exact)


# How a money value is written per currency (unit ``yen`` is "money"; its currency says which).
CURRENCY_SYMBOLS = {"JPY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "CNY": "CN¥", "KRW": "₩", "AUD": "A$"}


def currency_symbol(currency: str | None) -> str:
    """¥ for JPY (and when unknown), US$, €…; any other code written out (``CHF ``)."""
    code = currency or "JPY"
    return CURRENCY_SYMBOLS.get(code, f"{code} ")


def format_value(value: float | None, unit: str, decimals: int = 0, currency: str | None = None) -> str:
    """A KPI value as a reader sees it: percent values are stored as fractions (0.2 → 20.0%); money in
    its ``currency`` (JPY when None)."""
    if value is None or math.isnan(value) or math.isinf(value):
        return "—"
    if unit == "percent":
        return f"{_number(value, decimals, scale=100)}%"
    if unit == "yen":
        sign = "-" if value < 0 else ""
        return f"{sign}{currency_symbol(currency)}{_number(abs(value), decimals)}"
    return f"{_number(value, decimals)}{UNIT_SYMBOLS.get(unit, '')}"


def _number(value: float, decimals: int, scale: int = 1) -> str:
    """Rounded half up on the decimal the reader knows (0.1845 → 18.5%, as a spreadsheet shows it)."""
    exact = Decimal(repr(value)) * scale
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def format_kpi_value(kpi: Kpi, value: float | None) -> str:
    return format_value(value, kpi.unit, kpi.decimals, kpi.currency)


def format_change(kpi: Kpi, before: float | None, after: float | None) -> str:
    """The difference between two values in the KPI's unit; percent changes read as points (pt)."""
    if before is None or after is None:
        return "—"
    # The difference of the values as shown (exact decimals), so 9.8% → 9.8% reads ±0.0pt, never -0.0pt,
    # and 11.7% → 11.75% (shown 11.8%) reads +0.1pt.
    shown_before, shown_after = (
        displayed(before, kpi.unit, kpi.decimals),
        displayed(after, kpi.unit, kpi.decimals),
    )
    if shown_before is None or shown_after is None:
        return "—"
    delta = Decimal(repr(shown_after)) - Decimal(repr(shown_before))
    sign = "+" if delta > 0 else ("±" if delta == 0 else "-")
    if kpi.unit == "percent":
        return f"{sign}{_number(float(abs(delta)), kpi.decimals, scale=100)}pt"
    return sign + format_value(float(abs(delta)), kpi.unit, kpi.decimals, kpi.currency)


def format_date(day: dt.date | None) -> str:
    return "—" if day is None else f"{day.year}年{day.month}月{day.day}日"


def current_target(kpi: Kpi, as_of: dt.date) -> Target | None:
    """The target in force on ``as_of``: the earliest one not yet past its deadline, else the last one."""
    return target_on(kpi, as_of)


def kpi_status(kpi: Kpi, value: float | None, as_of: dt.date) -> StatusCode:
    """On track / at risk / off track by the KPI's thresholds, read in the direction of its target
    (for a value that is not a period total, such as a segment's rate)."""
    if value is None or math.isnan(value):
        return "no_data"
    target = current_target(kpi, as_of)
    if target is None:
        return "no_target"
    return _status(kpi, value, target, target.value, 1.0)


def judge(kpi: Kpi, reading: Reading, target: Target | None, bound: float | None) -> StatusCode:
    """The status of a complete period: its value against what the target asks of that period (a
    month's share of a year's total), with thresholds scaled by the target's seasonality."""
    if reading.value is None or math.isnan(reading.value):
        return "no_data"
    if target is None or bound is None:
        return "no_target"
    return _status(kpi, reading.value, target, bound, seasonal_factor(target, reading.period))


def _status(kpi: Kpi, value: float, target: Target, bound: float, factor: float) -> StatusCode:
    if kpi.thresholds is None:
        return "on_track" if _meets(kpi, value, bound, target.direction) else "off_track"
    if _meets(kpi, value, kpi.thresholds.on_track * factor, target.direction):
        return "on_track"
    if _meets(kpi, value, kpi.thresholds.at_risk * factor, target.direction):
        return "at_risk"
    return "off_track"


def on_track_bound(kpi: Kpi, target: Target, bound: float | None, reading: Reading | None) -> float | None:
    """The value at which the judged period is on track: the scaled threshold, else the period's target."""
    if kpi.thresholds is None:
        return bound
    return kpi.thresholds.on_track * (seasonal_factor(target, reading.period) if reading else 1.0)


def judging_bounds(
    kpi: Kpi, target: Target | None, bound: float | None, period: Period | None
) -> tuple[float | None, ...]:
    """Every bound a period's value is judged against: the period's target and, when the KPI has
    thresholds, both of them scaled by the target's seasonality (as :func:`on_track_bound` scales)."""
    if kpi.thresholds is None:
        return (bound,)
    factor = seasonal_factor(target, period) if target is not None and period is not None else 1.0
    return (bound, kpi.thresholds.on_track * factor, kpi.thresholds.at_risk * factor)


def bound_decimals(kpi: Kpi, bound: float) -> int:
    """Places that show ``bound`` truthfully: the KPI's own, one more when rounding would hide a
    fraction (a month's share of 100 deals reads 8.3件, not 8件)."""
    places = kpi.decimals
    if kpi.unit == "yen":  # amounts are shown to the yen at most
        return places
    if displayed(bound, kpi.unit, places) != displayed(bound, kpi.unit, places + 1):
        return places + 1
    return places


def format_bound(kpi: Kpi, bound: float) -> str:
    return format_value(bound, kpi.unit, bound_decimals(kpi, bound), kpi.currency)


def share_note(kpi: Kpi, target: Target, bound: float) -> str | None:
    """How a period's target follows from a total: 「年度目標 100件 の月割り」; None when it is the target."""
    if target.period is None or bound == target.value:
        return None
    whole = format_kpi_value(kpi, target.value)  # in the KPI's currency: US$… for dollars, never ¥
    spans = {
        "fiscal_year": "年度目標",
        "quarter": "四半期目標",
        "month": "月間目標",
        "week": "週間目標",
        "cumulative": "累計目標",
    }
    how = (
        "季節性で配分"
        if target.seasonality
        else "日数で按分"
        if target.period in ("week", "cumulative")
        else "均等に配分"
    )
    return f"{spans[target.period]} {whole} を{how}"


def _meets(kpi: Kpi, value: float, bound: float, direction: str) -> bool:
    """Compared at the precision the reader sees both at: 1.007時間 shown as 1.0時間 meets 1.0時間以下."""
    places = bound_decimals(kpi, bound)
    shown = displayed(value, kpi.unit, places)
    limit = displayed(bound, kpi.unit, places)
    if shown is None or limit is None:
        return False
    return shown >= limit if direction == "at_least" else shown <= limit


@dataclass(frozen=True)
class StatusBadge:
    code: StatusCode

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]

    @property
    def icon(self) -> str:
        return STATUS_ICONS[self.code]

    def __str__(self) -> str:
        return f"{self.icon} {self.label}"


def badge_for(code: str) -> StatusBadge | None:
    """The badge of a status code read back from a saved summary; ``None`` for an unknown code."""
    for known in STATUS_ORDER:
        if known == code:
            return StatusBadge(known)
    return None


def status_counts(codes: list[StatusCode]) -> list[tuple[StatusBadge, int]]:
    """How many KPIs are in each status, in reading order, zero counts left out."""
    return [(StatusBadge(code), codes.count(code)) for code in STATUS_ORDER if code in codes]


def ratio_bar(ratio: float, width: int = 20) -> str:
    """Actual over target as a bar (full at 100%) and a percentage that may pass 100%."""
    if not math.isfinite(ratio):  # an infinite or NaN amount must never reach round()
        return "—"
    filled = max(0, min(width, round(width * ratio)))
    return "█" * filled + "░" * (width - filled) + f" {_number(ratio, 1, scale=100)}%"


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """A text progress bar that also reads in print and in search results."""
    if total <= 0:
        return "—"
    filled = round(width * done / total)
    # Rounded, never truncated: 10 of 15 is 66.67%, which reads 67%, not 66%.
    share = _number(done / total, 0, scale=100)
    return "█" * filled + "░" * (width - filled) + f" {done}/{total}({share}%)"
