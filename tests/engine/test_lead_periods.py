"""Engagement rates of quarters and the trailing year, rolled up from the per-(lead, month) rows.

As of 2026-09-30: the monthly series covers 2025-10 … 2026-09, the segment quarter is FY2026-Q2
(July–September 2026) and the trailing year is 2025-10-01 … 2026-09-30.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from measure_kit import AS_OF, FrameBackend, activities, leads

from generator.engine.engagement import measure_engagement
from generator.engine.errors import MeasureError
from generator.engine.lead_periods import nests
from generator.engine.scope import Cells, Scope, segment_scope, series_scope, trailing_year_scope
from generator.model.compute import BrowsingAfterTouch, ContinuousResponse

MONTHS = series_scope("month", AS_OF)
QUARTER = segment_scope("channel", AS_OF)
YEAR = trailing_year_scope(AS_OF)


def rates(
    spec: ContinuousResponse | BrowsingAfterTouch, rows: pd.DataFrame
) -> list[dict[str, tuple[float, float]]]:
    """``{period start: (numerator, denominator)}`` of the monthly, quarter-by-channel and year scopes."""
    return [_by_period(cells) for cells in _measured(rows, {spec: [MONTHS, QUARTER, YEAR]})[spec]]


def _measured(
    rows: pd.DataFrame, requests: dict[ContinuousResponse | BrowsingAfterTouch, list[Scope]]
) -> dict[ContinuousResponse | BrowsingAfterTouch, list[Cells]]:
    """Every definition's cells per scope, from one ``measure_engagement`` call over ``rows``."""
    for column in ("send_id", "is_machine_open", "page_category"):
        if column not in rows:
            rows[column] = None
    people = leads([{"lead_id": lead} for lead in sorted(set(rows["lead_id"]))])
    backend = FrameBackend({"leads": people, "activities": rows})
    try:
        found = measure_engagement(backend.fetch, requests)
    finally:
        backend.close()
    cells = {}
    for spec, result in found.items():
        assert not isinstance(result, MeasureError)
        cells[spec] = result
    return cells


def _by_period(cells: Cells) -> dict[str, tuple[float, float]]:
    out = {}
    for (start, _segment), cell in cells.items():
        assert cell.numerator is not None and cell.denominator is not None
        out[start.isoformat()[:7]] = (cell.numerator, cell.denominator)
    return out


def _delivered(
    lead: str, day: str, send: str, responded: bool
) -> list[tuple[str, str, str, dict[str, object]]]:
    rows: list[tuple[str, str, str, dict[str, object]]] = [
        (lead, f"{day} 09:00", "email_delivered", {"send_id": send})
    ]
    if responded:
        rows.append((lead, f"{day} 10:00", "email_click", {"send_id": send}))
    return rows


def test_continuous_response_of_a_quarter_is_the_latest_touched_month() -> None:
    # The last 2 deliveries, both responded (✓ = responded).
    rows = [
        # A and A2: July [✓, ✓] hit; September [✓ (Jul 20), ✗] no hit → the quarter judges September: no hit.
        *_delivered("A", "2026-07-05", "s1", True),
        *_delivered("A", "2026-07-20", "s2", True),
        *_delivered("A", "2026-09-10", "s5", False),
        *_delivered("A2", "2026-07-05", "s1", True),
        *_delivered("A2", "2026-07-20", "s2", True),
        *_delivered("A2", "2026-09-10", "s5", False),
        # B: July [✗] no hit; August [✓, ✓] hit → the quarter judges August: hit.
        *_delivered("B", "2026-07-03", "s0", False),
        *_delivered("B", "2026-08-05", "s3", True),
        *_delivered("B", "2026-08-25", "s4", True),
        # C: June [✓, ✓] hit, before the quarter: not in it; in the trailing year with a hit.
        *_delivered("C", "2026-06-10", "s8", True),
        *_delivered("C", "2026-06-20", "s9", True),
    ]
    spec = ContinuousResponse(measure="continuous_response", touches=2, responded_at_least=2)
    months, quarter, year = rates(spec, activities(rows))
    assert months == {
        "2026-06": (1.0, 1.0),  # C
        "2026-07": (2.0, 3.0),  # A, A2 hit; B not
        "2026-08": (1.0, 1.0),  # B
        "2026-09": (0.0, 2.0),  # A, A2
    }
    # Quarter: A ✗, A2 ✗ (September), B ✓ (August) → 1 of 3 (a hit in any month would give 3 of 3).
    assert quarter == {"2026-07": (1.0, 3.0)}
    # Year: A ✗, A2 ✗, B ✓, C ✓ (June) → 2 of 4.
    assert year == {"2025-10": (2.0, 4.0)}


def test_site_browsing_of_a_quarter_is_any_touched_month() -> None:
    rows = activities(
        [
            # A: July touch with a page view the next day ✓; September touch without ✗ → quarter ✓.
            ("A", "2026-07-05 09:00", "email_delivered"),
            ("A", "2026-07-06 09:00", "page_view"),
            ("A", "2026-09-10 09:00", "email_delivered"),
            # B: an August touch, no page view ✗.
            ("B", "2026-08-03 09:00", "email_delivered"),
            # C: a June touch with a page view the same day ✓ — the year only.
            ("C", "2026-06-01 09:00", "email_delivered"),
            ("C", "2026-06-01 11:00", "page_view"),
        ]
    )
    spec = BrowsingAfterTouch(measure="browsing_after_touch", page_views_at_least=1, within_days=1)
    months, quarter, year = rates(spec, rows)
    assert months == {
        "2026-06": (1.0, 1.0),
        "2026-07": (1.0, 1.0),
        "2026-08": (0.0, 1.0),
        "2026-09": (0.0, 1.0),
    }
    assert quarter == {"2026-07": (1.0, 2.0)}  # A ✓ (July), B ✗; the latest month alone would give 0
    assert year == {"2025-10": (2.0, 3.0)}  # A, C of A, B, C


def test_one_pass_serves_every_engagement_definition() -> None:
    # Two continuous-response definitions that read machine opens differently (two passes: the window's
    # tie order follows the responded flag) and site browsing (riding with the first); July 2026.
    rows = activities(
        [
            # A: a delivery of s1, clicked; a page view the next day.
            ("A", "2026-07-05 09:00", "email_delivered", {"send_id": "s1"}),
            ("A", "2026-07-05 10:00", "email_click", {"send_id": "s1"}),
            ("A", "2026-07-06 09:00", "page_view", {}),
            # B: a delivery without a send: a touch for browsing only; a page view the same day.
            ("B", "2026-07-10 09:00", "email_delivered", {}),
            ("B", "2026-07-10 11:00", "page_view", {}),
            # C: a delivery of s2, opened by a machine (Apple MPP); no page view.
            ("C", "2026-07-12 09:00", "email_delivered", {"send_id": "s2"}),
            ("C", "2026-07-12 09:01", "email_open", {"send_id": "s2", "is_machine_open": True}),
        ]
    )
    human = ContinuousResponse(
        measure="continuous_response", touches=1, responded_at_least=1, exclude_machine_opens=True
    )
    any_open = ContinuousResponse(
        measure="continuous_response", touches=1, responded_at_least=1, exclude_machine_opens=False
    )
    browsing = BrowsingAfterTouch(measure="browsing_after_touch", page_views_at_least=1, within_days=1)
    together = _july(rows, [human, any_open, browsing])
    assert together == {human: (1.0, 2.0), any_open: (2.0, 2.0), browsing: (2.0, 3.0)}
    assert together == {spec: _july(rows, [spec])[spec] for spec in (human, any_open, browsing)}


def _july(
    rows: pd.DataFrame, specs: list[ContinuousResponse | BrowsingAfterTouch]
) -> dict[ContinuousResponse | BrowsingAfterTouch, tuple[float, float]]:
    """(numerator, denominator) of July 2026 in the monthly series, per definition, from one call."""
    found = _measured(rows, {spec: [MONTHS] for spec in specs})
    return {spec: _by_period(cells[0])["2026-07"] for spec, cells in found.items()}


def test_which_layouts_roll_up_from_months() -> None:
    layout = dataclasses.replace(QUARTER, dimension=None)
    assert nests(MONTHS, layout)
    assert nests(MONTHS, YEAR)
    assert nests(MONTHS, series_scope("quarter", AS_OF))
    assert not nests(MONTHS, series_scope("fiscal_year", AS_OF))  # FY2025 starts in April 2025, before them
    assert nests(
        series_scope("month", dt.date(2027, 3, 31)), series_scope("fiscal_year", dt.date(2027, 3, 31))
    )
    assert not nests(MONTHS, MONTHS)
    assert not nests(series_scope("week", AS_OF), layout)  # weeks straddle months
    assert not nests(layout, YEAR)  # the year reaches before the quarter
    mid_month = Scope("window", YEAR.start, dt.datetime(2026, 9, 15), YEAR.horizon)
    assert not nests(MONTHS, mid_month)  # ends inside September, before the months do
    later = series_scope("month", dt.date(2027, 10, 31))  # its history starts in November 2025
    assert not nests(later, YEAR)  # starts after the year does


@pytest.mark.parametrize("as_of", [dt.date(2026, 9, 14), dt.date(2026, 12, 31)])
def test_a_partial_last_month_still_nests(as_of: dt.date) -> None:
    # The series and the year both stop at the end of the as-of day, inside (or at the end of) a month.
    assert nests(series_scope("month", as_of), trailing_year_scope(as_of))
