"""The marketing calendar: about forty campaigns, webinar and exhibition dates, email sends, costs.

Everything here follows from the period alone (no randomness except cost noise), so it is the same
at every scale; costs grow with the scale so CPL and ROI stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import Period
from .config import (
    ADS,
    CHANNEL_CPL_YEN,
    CHANNEL_SHARE,
    CONTENT_PER_WHITEPAPER_YEN,
    EVENT,
    INVITE_AUDIENCE,
    LEADS_PER_SCALE,
    MONTH_WEIGHT,
    NEWSLETTER_AUDIENCE,
    OWNED_MEDIA,
    PEOPLE_MONTHLY_YEN,
    TOOLS_MONTHLY_YEN,
    WEBINAR,
    WHITEPAPER,
    Floats,
    Ints,
    Times,
)

PROGRAMS = ("email_nurture", "webinar", "whitepaper", "ads", "owned_media", "event", "is_call")
COST_CATEGORIES = ("ads", "content", "tools", "people", "events")

_WEBINAR_TOPICS = (
    "製造業のDX最前線",
    "営業とマーケの連携入門",
    "MA活用の基本",
    "リードスコアリング実践",
    "インサイドセールス立ち上げ",
    "展示会リードの育て方",
    "ABM入門",
    "ウェビナー集客のコツ",
    "SFA定着化",
    "データドリブン経営",
    "物流DX",
    "IT部門の予算計画",
)
_WHITEPAPERS = (
    "BtoBマーケティング入門ガイド",
    "MQL定義テンプレート",
    "SLA策定ワークブック",
    "ナーチャリングメール文例集",
    "KPIツリー作成シート",
    "導入事例集",
)
_ADS = (
    ("Google 検索広告", 0.34),
    ("Meta 広告", 0.16),
    ("LinkedIn 広告", 0.14),
    ("Yahoo! 広告", 0.12),
    ("リターゲティング広告", 0.14),
    ("比較サイト掲載", 0.10),
)
_OWNED = (("オウンドメディア記事", 0.5), ("SEO 解説コンテンツ", 0.3), ("導入事例ページ", 0.2))
_EVENTS = (
    (0, "DX総合EXPO 秋"),
    (3, "マーケティング展 冬"),
    (6, "営業支援EXPO 春"),
    (9, "IT・DX展 夏"),
    (11, "SaaS EXPO 秋"),
)


@dataclass(frozen=True)
class Campaign:
    name: str
    program: str
    started_at: np.datetime64
    weight: float = 1.0  # share of the program's leads
    event_at: np.datetime64 | None = None  # webinar or exhibition day


@dataclass(frozen=True)
class Calendar:
    """Campaigns (index = position, id = CP001…) and the dated programmes leads and activities hang on."""

    campaigns: tuple[Campaign, ...]
    send_at: Times
    send_campaign: Ints
    send_audience: Floats

    def of_program(self, program: str) -> Ints:
        return np.array([i for i, c in enumerate(self.campaigns) if c.program == program], dtype=np.int64)

    def event_times(self, program: str) -> Times:
        return np.array([self.campaigns[i].event_at for i in self.of_program(program)], dtype="datetime64[s]")

    def weights(self, program: str) -> Floats:
        weights = np.array([self.campaigns[i].weight for i in self.of_program(program)], dtype=np.float64)
        return np.asarray(weights / weights.sum(), dtype=np.float64)

    def starts(self, program: str) -> Times:
        return np.array(
            [self.campaigns[i].started_at for i in self.of_program(program)], dtype="datetime64[s]"
        )

    def active(self, program: str, at: Times) -> Ints:
        """The campaign of ``program`` running at each time: the latest one started by then."""
        ids, starts = self.of_program(program), self.starts(program)
        order = np.argsort(starts, kind="stable")
        position = np.searchsorted(starts[order], at, side="right") - 1
        return ids[order][np.clip(position, 0, len(ids) - 1)]


def marketing_calendar(period: Period) -> Calendar:
    months = period.months()
    fiscal_start = np.datetime64(f"{_fiscal_year(months[0])}-04-01", "s")
    campaigns: list[Campaign] = []
    for index, month in enumerate(months):
        day = _nth_weekday(month, weekday=2, nth=3) + np.timedelta64(15, "h")
        topic = _WEBINAR_TOPICS[index % len(_WEBINAR_TOPICS)]
        label = str(month.astype("datetime64[M]")).replace("-", "年", 1) + "月"
        campaigns.append(
            Campaign(
                f"{label} ウェビナー: {topic}",
                "webinar",
                day - np.timedelta64(21, "D"),
                MONTH_WEIGHT[_month(month)],
                day,
            )
        )
    for index, month in enumerate(months[::2]):
        start = month.astype("datetime64[s]")
        campaigns.append(Campaign(f"ホワイトペーパー: {_WHITEPAPERS[index % 6]}", "whitepaper", start))
        label = str(month.astype("datetime64[M]")).replace("-", "年", 1) + "月〜"
        campaigns.append(Campaign(f"{label} ナーチャリングメール", "email_nurture", start))
    campaigns += [Campaign(name, "ads", fiscal_start, share) for name, share in _ADS]
    campaigns += [Campaign(name, "owned_media", fiscal_start, share) for name, share in _OWNED]
    for offset, name in _EVENTS:
        day = _nth_weekday(months[offset], weekday=2, nth=2) + np.timedelta64(10, "h")
        campaigns.append(Campaign(name, "event", day - np.timedelta64(30, "D"), 1.0, day))
    campaigns += [
        Campaign("IS 架電キャンペーン 上期", "is_call", fiscal_start),
        Campaign("IS 架電キャンペーン 下期", "is_call", fiscal_start + np.timedelta64(183, "D")),
    ]
    campaigns.sort(key=lambda c: (c.started_at, c.program, c.name))
    return _with_sends(period, tuple(campaigns))


def _with_sends(period: Period, campaigns: tuple[Campaign, ...]) -> Calendar:
    """Newsletters every Tuesday 10:00 and every other Thursday 12:00; invitations 9 days before webinars."""
    days = period.day_list()
    weekday = (days.astype(np.int64) + 3) % 7
    week = (days.astype(np.int64) + 3) // 7
    newsletter = np.concatenate(
        [
            days[weekday == 1].astype("datetime64[s]") + np.timedelta64(10, "h"),
            days[(weekday == 3) & (week % 2 == 0)].astype("datetime64[s]") + np.timedelta64(12, "h"),
        ]
    )
    provisional = Calendar(campaigns, newsletter, np.zeros(0, np.int64), np.zeros(0))
    webinars = provisional.of_program("webinar")
    invites = provisional.event_times("webinar") - np.timedelta64(9, "D") - np.timedelta64(4, "h")
    keep = invites >= period.start
    send_at = np.concatenate([newsletter, invites[keep]])
    campaign = np.concatenate([provisional.active("email_nurture", newsletter), webinars[keep]])
    audience = np.concatenate(
        [np.full(len(newsletter), NEWSLETTER_AUDIENCE), np.full(keep.sum(), INVITE_AUDIENCE)]
    )
    order = np.argsort(send_at, kind="stable")
    return Calendar(campaigns, send_at[order], campaign[order], audience[order])


def _fiscal_year(month: np.datetime64) -> int:
    year, number = int(str(month)[:4]), _month(month)
    return year if number >= 4 else year - 1


def _month(day: np.datetime64) -> int:
    return int(day.astype("datetime64[M]").astype(np.int64) % 12 + 1)


def _nth_weekday(month: np.datetime64, weekday: int, nth: int) -> np.datetime64:
    """The ``nth`` Monday-based ``weekday`` (0 = Monday) of the month, as a datetime64[s] midnight."""
    first = month.astype("datetime64[D]")
    shift = (weekday - (first.astype(np.int64) + 3) % 7) % 7
    return np.datetime64(first + np.timedelta64(int(shift) + 7 * (nth - 1), "D"), "s")


@dataclass(frozen=True)
class CostRows:
    incurred_at: Times
    campaign: Ints  # -1 for shared costs (tools, people)
    category: Ints  # index into COST_CATEGORIES
    amount_yen: Floats


def cost_rows(calendar: Calendar, period: Period, scale: float, rng: np.random.Generator) -> CostRows:
    """Monthly spend by category: ads and content follow expected leads; events, tools, people are fixed."""
    months = period.months()
    season = np.array([MONTH_WEIGHT[_month(m)] for m in months])
    expected_leads = LEADS_PER_SCALE * scale * season / season.sum()
    rows: list[tuple[np.datetime64, int, int, float]] = []

    def add(month: np.datetime64, campaign: int, category: str, yen: float) -> None:
        noise = rng.normal(1.0, 0.08)
        rows.append((month.astype("datetime64[s]"), campaign, COST_CATEGORIES.index(category), yen * noise))

    for m, month in enumerate(months):
        by_channel = expected_leads[m] * np.asarray(CHANNEL_SHARE) * np.asarray(CHANNEL_CPL_YEN)
        for campaign, share in zip(calendar.of_program("ads"), calendar.weights("ads"), strict=True):
            add(month, int(campaign), "ads", by_channel[ADS] * share)
        for campaign, share in zip(
            calendar.of_program("owned_media"), calendar.weights("owned_media"), strict=True
        ):
            add(month, int(campaign), "content", by_channel[OWNED_MEDIA] * share)
        add(
            month,
            int(calendar.active("webinar", np.array([month + np.timedelta64(27, "D")]))[0]),
            "content",
            by_channel[WEBINAR],
        )
        paper = int(calendar.active("whitepaper", np.array([month.astype("datetime64[s]")]))[0])
        add(
            month,
            paper,
            "content",
            by_channel[WHITEPAPER] + (CONTENT_PER_WHITEPAPER_YEN * scale if m % 2 == 0 else 0),
        )
        add(month, -1, "tools", TOOLS_MONTHLY_YEN * scale)
        add(month, -1, "people", PEOPLE_MONTHLY_YEN * scale)
    events = calendar.of_program("event")
    for campaign, day in zip(events, calendar.event_times("event"), strict=True):
        yen = LEADS_PER_SCALE * scale * CHANNEL_SHARE[EVENT] / len(events) * CHANNEL_CPL_YEN[EVENT]
        add(day.astype("datetime64[M]").astype("datetime64[D]"), int(campaign), "events", yen)
    rows.sort(key=lambda row: (row[0], row[2], row[1]))
    return CostRows(
        np.array([r[0] for r in rows], dtype="datetime64[s]"),
        np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.int64),
        np.asarray(np.round(np.array([r[3] for r in rows]), -3), dtype=np.float64),
    )
