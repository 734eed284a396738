"""Cycles in a graph of ids (tree parents, KPI-to-KPI computations)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """Every distinct cycle reachable by depth-first search, each rotated to start at its smallest id."""
    found: set[tuple[str, ...]] = set()
    done: set[str] = set()
    for start in sorted(edges):
        _visit(start, edges, [], done, found)
    return sorted(found)


def _visit(
    node: str,
    edges: Mapping[str, Sequence[str]],
    stack: list[str],
    done: set[str],
    found: set[tuple[str, ...]],
) -> None:
    if node in stack:
        cycle = stack[stack.index(node) :]
        turn = cycle.index(min(cycle))
        found.add(tuple(cycle[turn:] + cycle[:turn]))
        return
    if node in done:
        return
    stack.append(node)
    for nxt in edges.get(node, ()):
        _visit(nxt, edges, stack, done, found)
    stack.pop()
    done.add(node)


def show_cycle(cycle: tuple[str, ...]) -> str:
    """``a → b → a``."""
    return " → ".join((*cycle, cycle[0]))


def show_number(value: float) -> str:
    """Numbers in messages: thousands separators for whole numbers, six significant digits otherwise."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:.6g}"
