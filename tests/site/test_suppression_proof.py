"""The proof: no hidden segment can be recovered from what the site publishes.

The attacker is given more than the site shows: every shown cell's exact quantities (a count; a
rate's numerator and denominator — a small shown denominator gives its numerator from the rounded
rate) and the exact total of the population (the series, or any dimension with nothing hidden, add
up to it). So it knows the hidden cells' sum of every quantity (total − shown), and it knows the rule:
quantities are never negative, a listed segment has a member, a hidden cell is at most the smallest
shown cell, at least one hidden cell is under k, and a share's numerator is at most its denominator.
From that it bounds each hidden cell; a cell whose bounds meet at its true value is recovered.
The attack runs over every KPI × dimension of the sample, the funnel's channels and the SLA teams,
at the site's k and at larger k, where many dimensions have exactly one cell under k.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pytest
from site_helpers import REPO

from generator.engine import assemble, funnel, measure_project, sla_report
from generator.engine.evaluate import Evaluator
from generator.engine.scope import Cells, Scope, segment_scope
from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.compute import Count, Sum
from generator.model.kpi import Kpi
from generator.render.links import SUMMARY_JSON

K_VALUES = (5, 10, 20, 50, 100, 200, 500)  # 5 is the site's
EPSILON = 1e-6


@dataclass(frozen=True)
class Cell:
    """A cell as the attacker adds it up (the true values; the attacker sees only the shown ones)."""

    key: str
    support: float
    quantities: tuple[float, ...]


@dataclass
class Captured:
    """What measuring the sample computed before publishing: cells, the funnel frame, judged hand-offs."""

    as_of: dt.date
    kpis: dict[str, Kpi]
    cells: dict[tuple[str, str], Cells]
    funnel_frame: pd.DataFrame
    judged: list[pd.DataFrame]


@pytest.fixture(scope="module")
def captured(sample_data: Path) -> Iterator[Captured]:
    project = load_catalogue(DirectoryTree(REPO)).project
    kpis = {loaded.spec.id: loaded.spec for loaded in project.kpis}
    found = Captured(dt.date.min, kpis, {}, pd.DataFrame(), [])
    segment_values, funnel_from_counts, by_team = (
        assemble.segment_values,
        funnel.funnel_from_counts,
        sla_report.compliance_by_team,
    )

    def spy_segments(evaluator: Evaluator, kpi: Kpi, dimension: str, as_of: dt.date, k: int) -> Any:
        found.as_of = as_of
        found.cells[(kpi.id, dimension)] = evaluator.cells(kpi.id, segment_scope(dimension, as_of))
        return segment_values(evaluator, kpi, dimension, as_of, k)

    def spy_funnel(frame: pd.DataFrame, k: int = 5) -> Any:
        found.funnel_frame = frame
        return funnel_from_counts(frame, k)

    def spy_teams(judged: pd.DataFrame, as_of: dt.date, k: int) -> Any:
        found.judged.append(judged)
        return by_team(judged, as_of, k)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assemble, "segment_values", spy_segments)
        patch.setattr(funnel, "funnel_from_counts", spy_funnel)
        patch.setattr(sla_report, "compliance_by_team", spy_teams)
        measure_project(project, sample_data)
    yield found


class CapturedEvaluator:
    """Hands ``assemble.segment_values`` the cells measured once, so k can vary without measuring."""

    def __init__(self, cells: dict[tuple[str, str], Cells]) -> None:
        self._cells = cells

    def cells(self, kpi_id: str, scope: Scope) -> Cells:
        assert scope.dimension is not None
        return self._cells[(kpi_id, scope.dimension)]


# --- The attacker ---------------------------------------------------------------------------------


def bounds(cells: Sequence[Cell], hidden: set[str], index: int, k: int) -> dict[str, tuple[float, float]]:
    """Each hidden cell's least and greatest possible value of quantity ``index``."""
    inside = [c for c in cells if c.key in hidden]
    shown = [c for c in cells if c.key not in hidden]
    total = sum(c.quantities[index] for c in inside)  # total − shown cells
    is_support = all(abs(c.quantities[index] - c.support) <= EPSILON for c in cells)
    low = 1.0 if is_support and all(c.support >= 1 for c in inside) else 0.0
    high = min((c.support for c in shown), default=float("inf")) if is_support else float("inf")
    result: dict[str, tuple[float, float]] = {}
    for cell in inside:
        # At least one hidden cell is under k: union over which one is.
        ranges = []
        for small in inside:
            highs = {c.key: (min(high, k - 1) if c.key == small.key and is_support else high) for c in inside}
            others_high = sum(highs[c.key] for c in inside if c.key != cell.key)
            least = max(low, total - others_high)
            greatest = min(highs[cell.key], total - low * (len(inside) - 1))
            if least <= greatest + EPSILON:
                ranges.append((least, greatest))
        result[cell.key] = (min(r[0] for r in ranges), max(r[1] for r in ranges))
    return result


def recovered(cells: Sequence[Cell], hidden: set[str], k: int, share: bool) -> list[str]:
    """Hidden cells the attacker pins at their true value: a quantity, or a rate (numerator ÷ denominator)."""
    if not hidden:
        return []
    found: list[str] = []
    width = min(len(c.quantities) for c in cells)
    pinned: dict[tuple[str, int], bool] = {}
    for index in range(width):
        for key, (least, greatest) in bounds(cells, hidden, index, k).items():
            truth = next(c for c in cells if c.key == key).quantities[index]
            pinned[(key, index)] = abs(least - greatest) <= EPSILON and abs(least - truth) <= EPSILON
            if pinned[(key, index)]:
                found.append(f"{key}[{index}]={truth:g}")
    if width == 2:  # a rate: numerator and denominator
        inside = [c for c in cells if c.key in hidden]
        numerators = sum(c.quantities[0] for c in inside)
        denominators = sum(c.quantities[1] for c in inside)
        for cell in inside:
            if abs(numerators) <= EPSILON or (share and abs(numerators - denominators) <= EPSILON):
                found.append(f"{cell.key} rate (hidden numerators {numerators:g} of {denominators:g})")
    return found


def kpi_cells(kpi: Kpi, cells: Cells) -> list[Cell]:
    attacked = []
    for (_, segment), cell in cells.items():
        assert segment is not None
        support = cell.support if cell.support is not None else cell.denominator
        if isinstance(kpi.compute, Count | Sum):
            quantities: tuple[float, ...] = (cell.value or 0.0,)
        else:
            quantities = tuple(q for q in (cell.numerator, cell.denominator) if q is not None)
        attacked.append(Cell(segment, support or 0.0, quantities))
    return attacked


def just_above(cells: Sequence[Cell]) -> list[int]:
    """k values that leave exactly the smallest one, two, … cells under k."""
    return sorted({int(c.support) + 1 for c in cells})


def is_share(cells: Sequence[Cell]) -> bool:
    return all(len(c.quantities) == 2 and c.quantities[0] <= c.quantities[1] + EPSILON for c in cells)


# --- The proof ------------------------------------------------------------------------------------


def test_no_hidden_kpi_segment_is_recovered_at_any_k(captured: Captured) -> None:
    cases, with_hidden, lone_small, failures = 0, 0, 0, []
    evaluator = cast(Evaluator, CapturedEvaluator(captured.cells))
    for (kpi_id, dimension), cells in sorted(captured.cells.items()):
        kpi = captured.kpis[kpi_id]
        attacked = kpi_cells(kpi, cells)
        for k in K_VALUES:
            published = assemble.segment_values(evaluator, kpi, dimension, captured.as_of, k)
            cases += 1
            truth = {segment: cell for (_, segment), cell in cells.items()}
            for shown in (s for s in published if not s.suppressed):
                # Suppression hides; it never changes a shown value.
                assert shown.value == truth[shown.key].value, (kpi_id, dimension, shown)
            hidden = {s.key for s in published if s.suppressed}
            assert all(s.value is None and s.denominator is None for s in published if s.suppressed)
            with_hidden += bool(hidden)
            lone_small += sum(1 for c in attacked if c.support < k) == 1 and len(attacked) > 1
            found = recovered(attacked, hidden, k, is_share(attacked))
            if found:
                failures.append((kpi_id, dimension, k, found))
    assert failures == [], f"{cases} cases, {with_hidden} with hidden cells, {lone_small} with one under k"
    # The sweep exercises the rule: many dimensions with something hidden, dozens with one cell under k.
    assert cases == len(captured.cells) * len(K_VALUES)
    assert with_hidden >= 100 and lone_small >= 30, (cases, with_hidden, lone_small)


def test_no_hidden_funnel_channel_is_recovered_at_any_k(captured: Captured) -> None:
    frame = captured.funnel_frame
    names = [name for name, _ in funnel.STAGES]
    attacked = [
        Cell(str(row["channel"]), float(row["leads"]), tuple(float(row[n]) for n in names))
        for _, row in frame.iterrows()
    ]
    # Also k just above each channel's size: each smallest channel in turn is the one under k.
    for k in (*K_VALUES, *just_above(attacked)):
        shown = set(funnel.funnel_from_counts(frame, k).by_channel)
        hidden = {c.key for c in attacked} - shown
        assert recovered(attacked, hidden, k, share=False) == [], k
        for index in range(1, len(names)):  # each stage is a share of the stage above
            pairs = [Cell(c.key, c.support, (c.quantities[index], c.quantities[index - 1])) for c in attacked]
            assert recovered(pairs, hidden, k, share=True) == [], (k, names[index])


def test_no_hidden_sla_team_is_recovered_at_any_k(captured: Captured) -> None:
    for judged in captured.judged:
        everyone = sla_report.compliance_by_team(judged, captured.as_of, 0)  # nothing hidden: the truth
        attacked = [
            Cell(
                s.key,
                s.denominator or 0.0,
                (round((s.value or 0.0) * (s.denominator or 0.0)), s.denominator or 0.0),
            )
            for s in everyone
        ]
        for k in (*K_VALUES, *just_above(attacked)):
            published = sla_report.compliance_by_team(judged, captured.as_of, k)
            hidden = {s.key for s in published if s.suppressed}
            assert recovered(attacked, hidden, k, share=True) == [], k


def test_the_attacker_recovers_a_lone_hidden_cell() -> None:
    # The attack itself works: what the site published before complementary suppression gives away
    # the channel with 2 leads (total − shown), and a hidden pair whose MQLs add up to 0.
    cells = [Cell("ads", 2, (0.0, 2.0)), Cell("event", 40, (3.0, 40.0)), Cell("webinar", 900, (90.0, 900.0))]
    assert recovered(cells, {"ads"}, 5, share=True) == [
        "ads[0]=0",
        "ads[1]=2",
        "ads rate (hidden numerators 0 of 2)",
    ]
    zero = [Cell("ads", 2, (0.0, 2.0)), Cell("event", 40, (0.0, 40.0)), Cell("webinar", 900, (90.0, 900.0))]
    assert "ads rate (hidden numerators 0 of 42)" in recovered(zero, {"ads", "event"}, 5, share=True)
    assert recovered(cells, {"ads", "event"}, 5, share=True) == []


# --- Published precision --------------------------------------------------------------------------

DATA_SPEC = re.compile(r'data-spec="([^"]*)"')


def numbers(value: object) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from numbers(item)


def too_precise(value: float) -> bool:
    """More than four decimals: finer than any value the site shows (0.1% of a rate is 0.001)."""
    return abs(value * 10_000 - round(value * 10_000)) > 1e-6


def test_published_chart_data_and_summary_carry_only_shown_precision(built_site: Path) -> None:
    specs = 0
    precise: list[tuple[str, float]] = []
    for page in sorted(built_site.rglob("*.html")):
        for match in DATA_SPEC.finditer(page.read_text(encoding="utf-8")):
            specs += 1
            spec = json.loads(unescape(match.group(1)))
            precise += [(page.name, x) for x in numbers(spec) if too_precise(x)]
    summary = json.loads((built_site / SUMMARY_JSON).read_text(encoding="utf-8"))
    precise += [("summary", x) for x in numbers(summary["kpis"]) if too_precise(x)]
    assert specs > 45
    assert precise == []
