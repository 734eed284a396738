"""The KPI tree: KGI → KSF → KPI → activity, and the KGI decomposed with targets worked backwards (逆算)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.kpi import Kpi
from ...model.tree import Ksf
from ..environment import render
from ..formatting import format_kpi_value
from ..inputs import SiteInputs
from ..links import TREE, Links
from ..text import md_link, md_text
from ..views import kpi_view, written_target

COMBINE_SYMBOLS = {"product": " × ", "sum": " + ", "ratio": " ÷ ", "contributes": "・"}


@dataclass(frozen=True)
class TreeLine:
    depth: int
    text: Markup

    @property
    def indent(self) -> Markup:
        return Markup("    " * self.depth)


@dataclass(frozen=True)
class TreeContext:
    kgi_name: str
    kgi_description: str
    by_ksf: list[TreeLine]
    decomposition: list[TreeLine]
    rounding_notes: list[str]


class _TreeWriter:
    def __init__(self, inputs: SiteInputs) -> None:
        self.inputs = inputs
        self.links = Links(TREE)
        self.kpis = {k.spec.id: k.spec for k in inputs.project.kpis}
        self.nodes = {n.kpi_id: n for n in inputs.measurements.tree}
        self.children: dict[str, list[Kpi]] = {}
        for kpi in sorted(self.kpis.values(), key=_child_order):
            if kpi.tree.parent:
                self.children.setdefault(kpi.tree.parent, []).append(kpi)

    def node(self, kpi: Kpi, prefix: str = "") -> Markup:
        """One node: the year's target, required value (逆算), trailing-12-month actual and forecast,
        then the latest period's value and status (the same status as everywhere else)."""
        node = self.nodes.get(kpi.id)
        view = kpi_view(kpi, self.inputs)
        # The tree works on the targets as written (a year's total), not on one period's share.
        parts = [f"目標 {written_target(kpi, view.target)}" if view.target else None]
        if node is not None and not view.problems:  # a data problem withholds actual and forecast
            parts += [
                _labelled("必要(逆算)", kpi, node.required),
                _labelled("直近12か月", kpi, node.actual),
                _labelled("見込み", kpi, node.forecast),
            ]
        if view.problems:
            latest = f"{view.status}: {view.problem_names}"
        elif view.latest:
            latest = f"{view.period}(確定した最新の期間): {view.value_text} {view.status}"
        else:
            latest = str(view.status)
        facts = md_text("・".join(p for p in parts if p))
        link = md_link(kpi.name, self.links.kpi(kpi.id))
        return Markup(f"{prefix}**{link}** — {facts}{' ｜ ' if facts else ''}{md_text(latest)}")

    def by_ksf(self, kgi: Kpi | None, ksfs: list[Ksf]) -> list[TreeLine]:
        lines = [TreeLine(0, Markup("KGI: ") + self.node(kgi))] if kgi else []
        depth = 1 if kgi else 0
        for ksf in ksfs:
            lines.append(
                TreeLine(depth, Markup(f"KSF: **{md_text(ksf.name)}** — {md_text(ksf.description)}"))
            )
            lines += self._ksf_kpis(ksf.id, depth + 1)
        unassigned = self._ksf_kpis(None, depth + 1)
        if unassigned:
            lines.append(TreeLine(depth, Markup("KSF 未設定")))
            lines += unassigned
        return lines

    def _ksf_kpis(self, ksf_id: str | None, depth: int) -> list[TreeLine]:
        members = [k for k in self.kpis.values() if k.tree.level == "kpi" and k.tree.ksf == ksf_id]
        member_ids = {k.id for k in members}
        roots = sorted((k for k in members if k.tree.parent not in member_ids), key=_child_order)
        lines: list[TreeLine] = []

        def visit(kpi: Kpi, level: int) -> None:
            lines.append(TreeLine(level, Markup("KPI: ") + self.node(kpi)))
            for child in self.children.get(kpi.id, []):
                if child.id in member_ids:
                    visit(child, level + 1)
                elif child.tree.level == "activity":
                    lines.append(TreeLine(level + 1, Markup("施策指標: ") + self.node(child)))

        for root in roots:
            visit(root, depth)
        return lines

    def decomposition(self, kgi: Kpi) -> list[TreeLine]:
        lines: list[TreeLine] = []
        seen: set[str] = set()

        def visit(kpi: Kpi, depth: int) -> None:
            if kpi.id in seen:  # a cycle is reported by `kpi check`; never loop here
                return
            seen.add(kpi.id)
            children = self.children.get(kpi.id, [])
            formula = Markup("")
            if children and kpi.tree.combine:
                names = [md_text(c.name) for c in _formula_order(children)]
                formula = Markup(" = ") + Markup(COMBINE_SYMBOLS[kpi.tree.combine]).join(names)
            lines.append(TreeLine(depth, self.node(kpi) + Markup(f"<br>{formula}" if formula else "")))
            for child in children:
                visit(child, depth + 1)

        visit(kgi, 0)
        return lines


def _formula_order(children: list[Kpi]) -> list[Kpi]:
    """Numerator before denominator, otherwise by id: the formula reads left to right."""
    return sorted(children, key=lambda c: (c.tree.role == "denominator", c.id))


def _child_order(kpi: Kpi) -> tuple[int, str]:
    return ({"kgi": 0, "kpi": 1, "activity": 2}[kpi.tree.level], kpi.id)


def _labelled(label: str, kpi: Kpi, value: float | None) -> str | None:
    return None if value is None else f"{label} {format_kpi_value(kpi, value)}"


def tree_context(inputs: SiteInputs) -> TreeContext:
    writer = _TreeWriter(inputs)
    tree = inputs.project.tree
    kgi = writer.kpis.get(tree.spec.kgi) if tree else None
    notes = sorted({n.rounding for n in inputs.measurements.tree if n.rounding})
    return TreeContext(
        kgi_name=tree.spec.name if tree else "KGI 未設定",
        kgi_description=tree.spec.description if tree else "",
        by_ksf=writer.by_ksf(kgi, list(tree.spec.ksfs) if tree else []),
        decomposition=writer.decomposition(kgi) if kgi else [],
        rounding_notes=notes,
    )


def render_tree(inputs: SiteInputs) -> str:
    return render("tree.md.j2", page=tree_context(inputs))
