"""Complementary suppression (``engine.suppression``): hand-computed cases of the rule."""

from __future__ import annotations

from generator.engine.suppression import Tally, hidden_keys, pinned, share_pairs


def counts(**cells: float) -> list[Tally]:
    """A count per segment: its support and its one published quantity are the count."""
    return [Tally(key, value, (value,)) for key, value in cells.items()]


def test_nothing_under_k_hides_nothing() -> None:
    assert hidden_keys(counts(webinar=6, event=5), 5) == frozenset()


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    # ads 2 < 5: alone it is the total 5,272 − 5,270 shown. The next-smallest is event (40), not
    # referral (41) or the big ones; the page then gives only ads + event = 42.
    cells = counts(ads=2, event=40, referral=41, webinar=2600, whitepaper=2589)
    assert hidden_keys(cells, 5) == {"ads", "event"}


def test_two_small_cells_need_no_complement() -> None:
    # 2 + 3 = 5 can be 1 + 4, 2 + 3, 3 + 2 or 4 + 1 (each has a member).
    assert hidden_keys(counts(ads=2, event=3, webinar=100), 5) == {"ads", "event"}


def test_ties_in_support_go_by_key() -> None:
    assert hidden_keys(counts(ads=1, event=9, referral=9, webinar=9), 5) == {"ads", "event"}


def test_cells_of_one_each_are_pinned_at_one() -> None:
    # Two listed segments with 1 lead each: hidden sum 2 → each is 1. inquiry (6) joins them.
    assert hidden_keys(counts(ads=1, event=1, inquiry=6, webinar=7), 5) == {"ads", "event", "inquiry"}


def test_a_rate_whose_hidden_numerators_are_zero_takes_another_cell() -> None:
    # (MQLs, leads): ads 0 of 3 < 5 leads; event 0 of 40 would pin both rates at 0% (0 MQL hidden);
    # with referral 2 of 41 the hidden cells have 2 MQLs among 84 leads: split many ways.
    cells = [
        Tally("ads", 3, (0.0, 3.0)),
        Tally("event", 40, (0.0, 40.0)),
        Tally("referral", 41, (2.0, 41.0)),
        Tally("webinar", 900, (120.0, 900.0)),
    ]
    shares = share_pairs(cells, 0, 1)
    assert shares == ((0, 1),)
    assert hidden_keys(cells, 5, shares) == {"ads", "event", "referral"}


def test_a_share_whose_hidden_cells_all_converted_takes_another_cell() -> None:
    # ads 3 of 3 and event 40 of 40: every hidden rate would be 100%. webinar (90 of 900) joins.
    cells = [
        Tally("ads", 3, (3.0, 3.0)),
        Tally("event", 40, (40.0, 40.0)),
        Tally("webinar", 900, (90.0, 900.0)),
    ]
    assert hidden_keys(cells, 5, share_pairs(cells, 0, 1)) == {"ads", "event", "webinar"}
    # Not a share (yen per acquisition): equal sums pin nothing.
    assert hidden_keys(cells, 5) == {"ads", "event"}


def test_share_pairs_need_every_numerator_within_its_denominator() -> None:
    cpa = [Tally("c1", 10, (120_000.0, 10.0)), Tally("c2", 3, (0.0, 3.0))]
    assert share_pairs(cpa, 0, 1) == ()
    assert share_pairs([], 0, 1) == ()


def test_every_cell_hidden_when_nothing_else_protects_a_lone_one() -> None:
    # Two segments, one under k: the other would give it away as total − shown.
    assert hidden_keys(counts(finance=3, it=6), 5) == {"finance", "it"}
    # One segment: it is the total itself (published anyway); hidden because it is under k.
    assert hidden_keys(counts(it=3), 5) == {"it"}


def test_unknown_support_is_hidden() -> None:
    cells = [Tally("ads", None, (0.0, 0.0)), Tally("event", 8, (1.0, 8.0)), Tally("webinar", 9, (2.0, 9.0))]
    assert hidden_keys(cells, 5) == {"ads", "event"}


def test_pinned_on_its_own() -> None:
    assert pinned([]) is False
    assert pinned(counts(ads=2)) is True
    assert pinned(counts(ads=2, event=40)) is False
    assert pinned(counts(ads=0, event=0)) is True  # each 0
    assert pinned([Tally("a", 2, (1.0, 2.0)), Tally("b", 6, (5.0, 6.0))], [(0, 1)]) is False
    assert pinned([Tally("a", 2, (2.0, 2.0)), Tally("b", 6, (6.0, 6.0))], [(0, 1)]) is True
