"""Which cells of a breakdown the site hides: small cells, and enough others that none can be derived.

The rule, for one dimension of one population and period (a KPI's latest full quarter by channel,
the funnel's cohort by channel, an SLA's quarter by team):

1. **Primary**: a cell whose support (the leads or rows behind it) is under ``k``, or unknown, is hidden.
2. **Complementary**: the site publishes the total of the same population and period (the KPI's
   series, the overall funnel; and every other dimension's cells add up to it), so a reader gets
   the hidden cells' sum of every published quantity as *total − shown cells*. While that sum still
   pins a hidden cell, the smallest shown cell (by support, then key) is hidden too:

   - one hidden cell is the difference itself;
   - hidden supports of 1 each add up to their count: each is pinned at 1 (a listed segment has a member);
   - a quantity that is 0 in every hidden cell adds up to 0: each is pinned at 0, as quantities are
     never negative (no MQL among them: every hidden rate is 0%);
   - for a share (numerator ≤ denominator in every cell), hidden numerators adding up to the hidden
     denominators pin every hidden rate at 100%.

   It stops when none holds or every cell is hidden (the cells then add up to the total, no more).

Why this is enough: dimensions are published one at a time (never crossed), so a hidden cell is
tied to the published numbers only through its own dimension's sum; two or more hidden cells whose
sum is none of the above can be split more than one way. Every hidden cell looks the same on the
page, and each is at most the smallest shown cell, so knowing the rule tells a reader no more.
Values are published at the precision the page shows (``render.formatting.displayed``), so a rate
times its denominator gives back no more than the page's own rounding allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EPSILON = 1e-9  # sums of float counts compare equal within this


@dataclass(frozen=True)
class Tally:
    """One cell as a reader can add it up: its support (judged against k) and the quantities the site
    publishes for it, each additive over the dimension (a count; a rate's numerator and denominator)."""

    key: str
    support: float | None
    quantities: tuple[float, ...] = ()


# (numerator, denominator) positions in ``Tally.quantities`` where every cell's numerator ≤ denominator.
Share = tuple[int, int]


def hidden_keys(tallies: Sequence[Tally], k: int, shares: Iterable[Share] = ()) -> frozenset[str]:
    """The keys to hide in one dimension: every cell under ``k``, then complementary cells (module doc)."""
    share_pairs = tuple(shares)
    hidden = [t for t in tallies if t.support is None or t.support < k]
    if not hidden:
        return frozenset()
    primary = {t.key for t in hidden}
    candidates = sorted((t for t in tallies if t.key not in primary), key=lambda t: (t.support or 0.0, t.key))
    while candidates and pinned(hidden, share_pairs):
        hidden.append(candidates.pop(0))
    return frozenset(t.key for t in hidden)


def pinned(hidden: Sequence[Tally], shares: Iterable[Share] = ()) -> bool:
    """Whether the hidden cells' sums (total − shown cells) tell a reader any hidden cell's value."""
    if len(hidden) <= 1:
        return len(hidden) == 1
    # Each listed segment has a member: supports adding up to one per cell pin each at 1.
    if all(t.support is not None and abs(t.support - 1) <= EPSILON for t in hidden):
        return True
    width = min(len(t.quantities) for t in hidden)
    # Quantities are never negative: hidden cells adding up to 0 are each 0.
    if any(all(abs(t.quantities[index]) <= EPSILON for t in hidden) for index in range(width)):
        return True
    sums = [sum(t.quantities[index] for t in hidden) for index in range(width)]
    return any(
        numerator < width and denominator < width and abs(sums[numerator] - sums[denominator]) <= EPSILON
        for numerator, denominator in shares
    )


def share_pairs(tallies: Sequence[Tally], numerator: int, denominator: int) -> tuple[Share, ...]:
    """``((numerator, denominator),)`` when every cell's numerator is at most its denominator, else ``()``."""
    if tallies and all(
        len(t.quantities) > max(numerator, denominator)
        and t.quantities[numerator] <= t.quantities[denominator] + EPSILON
        for t in tallies
    ):
        return ((numerator, denominator),)
    return ()
