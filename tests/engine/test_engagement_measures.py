"""The engagement measures on tiny hand-made data: continuous response and site browsing after a touch.

Expected values are worked out by hand in the comments; as-of is 2026-09-30, so a monthly series runs
2025-10 … 2026-09.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from measure_kit import activities, kpi, leads, measure, point


def response_activities() -> pd.DataFrame:
    machine = {"is_machine_open": True}
    human = {"is_machine_open": False}
    return activities(
        [
            # A: s1 opened, s2 machine open only, s3 clicked, s4 opened.
            ("A", "2026-08-05 09:00", "email_delivered", {"send_id": "s1"}),
            ("A", "2026-08-05 12:00", "email_open", {"send_id": "s1", **human}),
            ("A", "2026-08-20 09:00", "email_delivered", {"send_id": "s2"}),
            ("A", "2026-08-20 09:01", "email_open", {"send_id": "s2", **machine}),
            ("A", "2026-09-03 09:00", "email_delivered", {"send_id": "s3"}),
            ("A", "2026-09-03 10:00", "email_click", {"send_id": "s3"}),
            ("A", "2026-09-18 09:00", "email_delivered", {"send_id": "s4"}),
            ("A", "2026-09-18 19:00", "email_open", {"send_id": "s4", **human}),
            # B: one delivery (s3), opened: 1 of 1.
            ("B", "2026-09-03 09:00", "email_delivered", {"send_id": "s3"}),
            ("B", "2026-09-04 09:00", "email_open", {"send_id": "s3", **human}),
            # C: bounced, never delivered: not touched.
            ("C", "2026-09-18 09:00", "email_sent", {"send_id": "s4"}),
            ("C", "2026-09-18 09:00", "email_bounce", {"send_id": "s4"}),
            # D: s1 and s2 both clicked; nothing in September.
            ("D", "2026-08-05 09:00", "email_delivered", {"send_id": "s1"}),
            ("D", "2026-08-05 10:00", "email_click", {"send_id": "s1"}),
            ("D", "2026-08-20 09:00", "email_delivered", {"send_id": "s2"}),
            ("D", "2026-08-21 10:00", "email_click", {"send_id": "s2"}),
            # E: s4 with a machine open, and a human open after the as-of day (ignored).
            ("E", "2026-09-18 09:00", "email_delivered", {"send_id": "s4"}),
            ("E", "2026-09-18 09:01", "email_open", {"send_id": "s4", **machine}),
            ("E", "2026-10-02 09:00", "email_open", {"send_id": "s4", **human}),
        ]
    )


@pytest.mark.parametrize(
    ("exclude_machine_opens", "august", "september"),
    [
        # Last 3 touches, at least 2 responded. Machine opens excluded:
        # August (touched A, D): A [s1 ✓, s2 ✗] = 1 ✗; D [s1 ✓, s2 ✓] = 2 ✓ → 1/2.
        # September (touched A, B, E): A [s2 ✗, s3 ✓, s4 ✓] = 2 ✓; B 1 ✗; E 0 ✗ → 1/3.
        (True, (1.0, 2.0), (1.0, 3.0)),
        # Machine opens count: August A [✓, ✓] ✓, D ✓ → 2/2. September A 3 ✓; B 1 ✗; E 1 ✗ → 1/3.
        (False, (2.0, 2.0), (1.0, 3.0)),
    ],
)
def test_continuous_response(
    tmp_path: Path, exclude_machine_opens: bool, august: tuple[float, float], september: tuple[float, float]
) -> None:
    rate = kpi(
        "continuous",
        {
            "measure": "continuous_response",
            "touches": 3,
            "responded_at_least": 2,
            "exclude_machine_opens": exclude_machine_opens,
        },
    )
    lead_rows = leads([{"lead_id": x} for x in "ABCDE"])
    result = measure(tmp_path, {"leads": lead_rows, "activities": response_activities()}, [rate])
    measured = result.kpis["continuous"]
    for label, (numerator, denominator) in (("2026-08", august), ("2026-09", september)):
        found = point(measured, label)
        assert (found.numerator, found.denominator) == (numerator, denominator)
        assert found.value == pytest.approx(numerator / denominator)
    assert point(measured, "2026-07").value is None  # nobody touched


def test_browsing_after_touch(tmp_path: Path) -> None:
    rows = activities(
        [
            # A: touched 09-10; page views the same day and 3 days later (09-13, inside the window) → 2 ✓.
            ("A", "2026-09-10 09:00", "email_delivered"),
            ("A", "2026-09-10 12:00", "page_view"),
            ("A", "2026-09-13 08:00", "page_view"),
            # B: touched 09-10; views on 09-11 (inside) and 09-14 (4 days later, outside) → 1 ✗.
            ("B", "2026-09-10 09:00", "email_delivered"),
            ("B", "2026-09-11 09:00", "page_view"),
            ("B", "2026-09-14 09:00", "page_view"),
            # C: touched 08-30 (an August touch); views 09-01 and 09-02 → 2 ✓ in August.
            ("C", "2026-08-30 09:00", "email_delivered"),
            ("C", "2026-09-01 09:00", "page_view"),
            ("C", "2026-09-02 09:00", "page_view"),
            # D: page views without a touch: not in the denominator.
            ("D", "2026-09-10 09:00", "page_view"),
            ("D", "2026-09-11 09:00", "page_view"),
            # E: touched 09-05 (nothing after) and 09-20 (views 09-21, 09-22) → ✓ once in September.
            ("E", "2026-09-05 09:00", "email_delivered"),
            ("E", "2026-09-20 09:00", "email_delivered"),
            ("E", "2026-09-21 09:00", "page_view"),
            ("E", "2026-09-22 09:00", "page_view"),
            # F: two deliveries the same day are one touch day; its one page view counts once → 1 ✗.
            ("F", "2026-09-15 09:00", "email_delivered"),
            ("F", "2026-09-15 10:00", "email_delivered"),
            ("F", "2026-09-16 09:00", "page_view"),
        ]
    )
    rate = kpi("browsing", {"measure": "browsing_after_touch", "page_views_at_least": 2, "within_days": 3})
    result = measure(
        tmp_path, {"leads": leads([{"lead_id": x} for x in "ABCDEF"]), "activities": rows}, [rate]
    )
    september = point(result.kpis["browsing"], "2026-09")
    # September: touched A, B, E, F; browsed A, E → 2/4. August: C → 1/1.
    assert (september.numerator, september.denominator) == (2.0, 4.0)
    assert point(result.kpis["browsing"], "2026-08").value == 1.0
