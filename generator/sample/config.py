"""The sample's assumptions in one place: volumes, channel quality, seasonality, rates and scoring.

Every figure here is a modelling choice for a believable Japanese B2B SaaS team, tuned so the funnel lands
near DOMAIN.md's tree (lead→MQL ~10%, MQL→SQL ~20%, SQL→won ~20%, deals ~¥5M) and CPL near ¥10,000–20,000.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

Times = npt.NDArray[np.datetime64]
Deltas = npt.NDArray[np.timedelta64]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

LEADS_PER_SCALE: Final = 20_000
# Fixed, whatever the scale: the chunk layout (and so every random draw) depends only on seed and scale.
CHUNK_LEADS: Final = 50_000

CHANNELS: Final = ("webinar", "whitepaper", "ads", "owned_media", "event", "referral", "inquiry")
CHANNEL_SHARE: Final = (0.12, 0.18, 0.335, 0.18, 0.10, 0.06, 0.025)
# How well the channel's MQLs turn into SQLs (multiplier on the base MQL→SQL chance).
CHANNEL_SQL: Final = (1.2, 0.9, 0.7, 0.8, 0.8, 1.4, 1.3)
# Acquisition cost per lead the cost table is built from (referrals and direct inquiries cost nothing).
CHANNEL_CPL_YEN: Final = (8_000, 7_000, 14_000, 5_000, 20_000, 0, 0)
WEBINAR, WHITEPAPER, ADS, OWNED_MEDIA, EVENT, REFERRAL, INQUIRY = range(7)

INDUSTRIES: Final = (
    "manufacturing",
    "it",
    "finance",
    "retail",
    "healthcare",
    "logistics",
    "construction",
    "other",
)
INDUSTRY_SHARE: Final = (0.22, 0.20, 0.09, 0.11, 0.08, 0.09, 0.09, 0.12)
TARGET_INDUSTRIES: Final = frozenset({"manufacturing", "it", "logistics"})
TARGET_MQL, OTHER_MQL = 1.25, 0.8
TARGET_SQL, OTHER_SQL = 1.2, 0.85

COMPANY_SIZES: Final = ("1-49", "50-299", "300-999", "1000+")
SIZE_SHARE: Final = (0.35, 0.35, 0.18, 0.12)
SIZE_MQL: Final = (0.8, 1.0, 1.2, 1.3)
SIZE_DEAL: Final = (0.6, 0.9, 1.3, 1.9)

TEAMS: Final = ("is_east", "is_west")
TEAM_SHARE: Final = (0.62, 0.38)

# Engagement segments (engaged, lukewarm, cold): beta (a, b) of the chance to answer a touch, and the
# intent multiplier. Engaged leads answer most touches in a row; cold ones almost none.
ENGAGEMENT: Final = ((8.0, 3.0, 2.0), (2.0, 8.0, 0.9), (1.0, 30.0, 0.2))
# Segment shares by channel: webinar attendees, referrals and inquirers are warmer than ad clickers.
ENGAGEMENT_SHARE: Final = (
    (0.3, 0.5, 0.2),
    (0.2, 0.5, 0.3),
    (0.12, 0.45, 0.43),
    (0.18, 0.5, 0.32),
    (0.15, 0.45, 0.4),
    (0.3, 0.5, 0.2),
    (0.35, 0.45, 0.2),
)

# Seasonality of new leads by calendar month: fiscal year-end (March) and half-year-end (September)
# peaks, dips in August (お盆) and around the new year.
MONTH_WEIGHT: Final = {
    1: 0.75,
    2: 1.0,
    3: 1.3,
    4: 0.95,
    5: 0.9,
    6: 1.05,
    7: 1.0,
    8: 0.7,
    9: 1.25,
    10: 1.05,
    11: 1.0,
    12: 0.85,
}
WEEKDAY_WEIGHT: Final = (1.0, 1.0, 1.0, 1.0, 0.95, 0.25, 0.2)
HOLIDAY_WEIGHT: Final = 0.3
# Activity by hour of day (people read and browse in office hours, a little in the evening).
HOUR_WEIGHT: Final = (
    0.2,
    0.1,
    0.1,
    0.1,
    0.1,
    0.2,
    0.4,
    0.8,
    2.0,
    4.0,
    5.0,
    5.0,
    3.5,
    4.5,
    5.0,
    5.0,
    4.5,
    3.5,
    2.0,
    1.5,
    1.2,
    1.0,
    0.7,
    0.4,
)

# The MA's scoring, mirroring definitions/sla/standard_sla.yml as the engine executes it (attribute points
# from creation; behaviour points per rule for the most recent ``max_times`` activities, decaying 25% per
# full 30 days of age; crossing at the first scored activity where the total reaches the threshold; a
# pricing-page view or a form submit is a hot lead at once; only companies of 50+ people in a known
# industry qualify, and small non-target companies are disqualified).
# Recorded MQLs are the leads this scoring makes hand-off-ready, less a few the MA failed to sync.
TARGET_INDUSTRY_POINTS: Final = 10
# (activity type, page category or "" for any, points, max_times)
SCORING_RULES: Final = (
    ("download", "", 20, 1),
    ("page_view", "service", 25, 1),
    ("page_view", "pricing", 30, 1),
    ("page_view", "contact", 40, 1),
    ("webinar_attend", "", 20, 2),
    ("email_click", "", 5, 4),
    ("email_unsubscribe", "", -30, 1),
)
HOT_TRIGGERS: Final = (("page_view", "pricing"), ("form_submit", ""))
THRESHOLD: Final = 60
DECAY_EVERY_DAYS, DECAY_KEPT = 30, 0.75
MA_SYNC_MISSES: Final = 0.02  # hand-off-ready leads the MA never recorded as MQL (the scoring gap)

# Buying intent: a share of leads (by channel, before attribute multipliers) shows it in one burst of
# high-value actions — the pricing page, the contact form — some weeks after arriving.
CHANNEL_INTENT: Final = (0.27, 0.18, 0.075, 0.11, 0.12, 0.34, 0.0)
INTENT_PATHS: Final = (  # page categories or "form_submit"/"download", in order; share
    (("pricing",), 0.35),
    (("service", "pricing"), 0.15),
    (("service", "contact"), 0.2),
    (("contact", "form_submit"), 0.2),
    (("download", "service", "contact"), 0.1),
)

# Email programme.
NEWSLETTER_AUDIENCE: Final = 0.45
INVITE_AUDIENCE: Final = 0.5
BOUNCE_RATE: Final = 0.021
INVALID_ADDRESS_SHARE: Final = 0.006
UNSUBSCRIBE_BASE, UNSUBSCRIBE_COLD = 0.0015, 0.004
OPEN_SCALE: Final = 0.85
REOPEN_SHARE: Final = 0.15
MPP_SHARE: Final = 0.12  # leads reading mail in Apple Mail: every delivered mail gets a machine open
CLICK_BASE, CLICK_ENGAGED = 0.06, 0.2

# Web browsing outside email: sessions per month alive = base + engaged × engagement.
SESSIONS_BASE, SESSIONS_ENGAGED = 0.25, 1.4
# Background reading: pricing and contact pages belong to buying intent (and to MQLs afterwards).
SCORED_PAGE_SHARE: Final = {"service": 0.08}
AFTER_MQL_PAGE_SHARE: Final = {"pricing": 0.2, "service": 0.2, "contact": 0.05}
UNSCORED_PAGES: Final = ("case_study", "blog", "landing", "other")
UNSCORED_PAGE_SHARE: Final = (0.2, 0.45, 0.2, 0.15)
PAGE_CATEGORIES: Final = ("pricing", "service", "case_study", "blog", "contact", "landing", "other")

# Webinars (register → attend) for leads already in the database.
WEBINAR_REGISTER_BASE, WEBINAR_REGISTER_ENGAGED = 0.004, 0.05
ATTEND_BASE, ATTEND_ENGAGED = 0.38, 0.3

# Hand-off and inside sales.
RESPONSE_DEADLINE_HOURS: Final = 8.0
CONTACT_MEDIAN_HOURS: Final = {"score": 2.6, "hot_lead": 0.9}
CONTACT_SIGMA: Final = 1.1
WEST_SLOWER: Final = 1.4
AUGUST_SLOWER: Final = 2.0  # the summer exhibition backlog of the exemplar review
NEVER_CONTACTED: Final = 0.04
SQL_BASE: Final = 0.16
OPPORTUNITY_RATE: Final = 0.86
WIN_RATE: Final = 0.3
# Sales-cycle lengths in business days (median): SQL judged after the call, opportunity opened, deal closed.
# A share of won deals are quick small purchases, so the first months of the year already see wins.
SQL_DAYS, OPPORTUNITY_DAYS, WON_DAYS, LOST_DAYS = 1.5, 3.0, 35.0, 25.0
QUICK_WIN_SHARE: Final = 0.3
WEBINAR_FOLLOW_UP: Final = (1.5, 0.55)  # within 5 days of attending / later: about 2.5× apart
DEAL_MEDIAN_YEN: Final = 4_300_000.0
DEAL_SIGMA: Final = 0.5
MARGIN_RANGE: Final = (0.60, 0.75)

# Fixed monthly spend (yen at scale 1): the MA and other tool licences, and the marketing team's people.
TOOLS_MONTHLY_YEN: Final = 1_500_000.0
PEOPLE_MONTHLY_YEN: Final = 4_500_000.0
CONTENT_PER_WHITEPAPER_YEN: Final = 900_000.0
