"""Each KPI page names its next review and its owner team's contact (a team address, never a person's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.kpi import Kpi, Review
from generator.model.periods import add_months
from generator.model.teams import Team
from generator.render.review_dates import next_review, next_review_text, team_contact

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kpi() -> Kpi:
    loaded = load_catalogue(DirectoryTree(REPO)).project.kpi("mql_to_sql_rate")
    assert loaded is not None
    return loaded.spec


def review(date: dt.date, due: dt.date, done: bool) -> Review:
    return Review(date=date, observation="o", cause="c", action="a", owner="担当", due=due, done=done)


def test_the_earliest_undone_due_comes_first(kpi: Kpi) -> None:
    reviews = [
        review(dt.date(2026, 6, 1), dt.date(2026, 11, 30), False),
        review(dt.date(2026, 7, 1), dt.date(2026, 10, 15), False),
        review(dt.date(2026, 8, 1), dt.date(2026, 8, 20), True),  # done: its due no longer counts
    ]
    assert next_review(kpi.model_copy(update={"reviews": reviews})) == dt.date(2026, 10, 15)


def test_with_every_review_done_the_cadence_follows_the_last_one(kpi: Kpi) -> None:
    reviews = [review(dt.date(2026, 1, 31), dt.date(2026, 2, 10), True)]
    monthly = kpi.model_copy(update={"reviews": reviews, "cadence": "monthly"})
    assert next_review(monthly) == dt.date(2026, 2, 28)  # 1月31日 + 1か月, clipped to February's end
    assert next_review(monthly.model_copy(update={"cadence": "weekly"})) == dt.date(2026, 2, 7)
    assert next_review(monthly.model_copy(update={"cadence": "quarterly"})) == dt.date(2026, 4, 30)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_the_text_says_overdue_or_why_there_is_none(kpi: Kpi) -> None:
    # The sample's review of 2026-09-05 is undone and due 2026-09-30.
    assert next_review_text(kpi, dt.date(2026, 9, 30)) == "2026年9月30日"
    assert next_review_text(kpi, dt.date(2026, 10, 1)) == "2026年9月30日(期限切れ)"
    assert next_review_text(kpi.model_copy(update={"reviews": []}), dt.date(2026, 10, 1)) == (
        "未定(レビューの記録がありません)"
    )


def test_the_owner_teams_contact_comes_from_teams_yml() -> None:
    project = load_catalogue(DirectoryTree(REPO)).project
    assert team_contact(project, "marketing") == "marketing@example.com"
    assert team_contact(project, "is_east") == "#is-east"
    assert team_contact(project, "executive") == "—"  # no contact declared
    assert team_contact(project, "nobody") == "—"


@pytest.mark.parametrize("contact", ["team@example.co.jp", "#is-east", "#営業-東日本"])
def test_a_contact_is_a_shared_address_or_a_channel(contact: str) -> None:
    assert Team(id="team", name="チーム", name_en="Team", contact=contact).contact == contact


@pytest.mark.parametrize(
    "contact", ["https://chat.example.com/x", "javascript:alert(1)", "<b>@x</b>", "#a b", "x@y"]
)
def test_anything_else_is_refused(contact: str) -> None:
    with pytest.raises(ValidationError):
        Team(id="team", name="チーム", name_en="Team", contact=contact)
