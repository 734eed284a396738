"""How numbers, dates and statuses read on the site: pure functions, Japanese first."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from ..model.kpi import Kpi, Target

StatusCode = Literal["on_track", "at_risk", "off_track", "no_target", "no_data", "data_problem"]

STATUS_LABELS: dict[StatusCode, str] = {
    "on_track": "順調",
    "at_risk": "要注意",
    "off_track": "未達",
    "no_target": "判定基準なし",
    "no_data": "データなし",
    # A failed error-level data check on what the KPI reads: its value is withheld and not judged.
    "data_problem": "データに問題あり",
}
STATUS_ICONS: dict[StatusCode, str] = {
    "on_track": "🟢",
    "at_risk": "🟡",
    "off_track": "🔴",
    "no_target": "⚪",
    "no_data": "⚪",
    "data_problem": "⚠️",
}
STATUS_ORDER: tuple[StatusCode, ...] = (
    "data_problem",
    "off_track",
    "at_risk",
    "on_track",
    "no_target",
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
    suffix = {"count": "件", "days": "日", "hours": "時間", "points": "pt", "ratio": "倍"}.get(unit, "")
    return f"{_number(value, decimals)}{suffix}"


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
    delta = after - before
    sign = "+" if delta > 0 else ("±" if delta == 0 else "-")
    if kpi.unit == "percent":
        return f"{sign}{abs(delta) * 100:,.{kpi.decimals}f}pt"
    return sign + format_value(abs(delta), kpi.unit, kpi.decimals, kpi.currency)


def format_date(day: dt.date | None) -> str:
    return "—" if day is None else f"{day.year}年{day.month}月{day.day}日"


def current_target(kpi: Kpi, as_of: dt.date) -> Target | None:
    """The target in force on ``as_of``: the earliest one not yet past its deadline, else the last one."""
    if not kpi.targets:
        return None
    ordered = sorted(kpi.targets, key=lambda t: t.deadline)
    return next((t for t in ordered if t.deadline >= as_of), ordered[-1])


def kpi_status(kpi: Kpi, value: float | None, as_of: dt.date) -> StatusCode:
    """On track / at risk / off track by the KPI's thresholds, read in the direction of its target."""
    if value is None or math.isnan(value):
        return "no_data"
    target = current_target(kpi, as_of)
    if target is None:
        return "no_target"
    if kpi.thresholds is None:
        return "on_track" if _meets(value, target.value, target.direction) else "off_track"
    if _meets(value, kpi.thresholds.on_track, target.direction):
        return "on_track"
    if _meets(value, kpi.thresholds.at_risk, target.direction):
        return "at_risk"
    return "off_track"


def _meets(value: float, bound: float, direction: str) -> bool:
    return value >= bound if direction == "at_least" else value <= bound


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
    return "█" * filled + "░" * (width - filled) + f" {ratio * 100:.1f}%"


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """A text progress bar that also reads in print and in search results."""
    if total <= 0:
        return "—"
    filled = round(width * done / total)
    return "█" * filled + "░" * (width - filled) + f" {done}/{total}({done * 100 // total}%)"
