"""The KPI tree page: KGI → KSF → KPI → activity as a diagram, and the KGI decomposed with targets
worked backwards (逆算). The drawing is :mod:`generator.render.tree_diagram`; this module decides what
hangs where and what each card says."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ...model.kpi import Kpi
from ...model.tree import Ksf
from ..environment import render
from ..inputs import SiteInputs
from ..links import TREE, kpi_page
from ..money_shown import md_words, money_markup
from ..tree_diagram import (
    card,
    edge_label,
    elsewhere,
    group,
    ksf_block,
    legend,
    nested,
    one_block,
    page_href,
)
from ..views import kpi_view, written_target

ARITHMETIC = ("product", "sum", "ratio")


@dataclass(frozen=True)
class TreeContext:
    kgi_name: str
    kgi_description: str
    diagram: Markup
    decomposition: Markup
    rounding_notes: list[str]


class _TreeWriter:
    def __init__(self, inputs: SiteInputs) -> None:
        self.inputs = inputs
        self.kpis = {k.spec.id: k.spec for k in inputs.project.kpis}
        self.nodes = {n.kpi_id: n for n in inputs.measurements.tree}
        tree = inputs.project.tree
        self.ksf_names = {ksf.id: ksf.name for ksf in tree.spec.ksfs} if tree else {}
        self.children: dict[str, list[Kpi]] = {}
        for kpi in sorted(self.kpis.values(), key=_child_order):
            if kpi.tree.parent:
                self.children.setdefault(kpi.tree.parent, []).append(kpi)

    def href(self, kpi: Kpi) -> Markup:
        return page_href(TREE, kpi_page(kpi.id))

    def facts(self, kpi: Kpi) -> list[str]:
        """The target as written (a year's total, not one period's share), then the judged period's
        value and status — the same status as everywhere else."""
        view = kpi_view(kpi, self.inputs)
        target = md_words("目標 ", written_target(kpi, view.target)) if view.target else "目標 未設定"
        if view.problems:
            latest = f"{view.status}: {view.problem_names}"
        elif view.latest:
            latest = md_words(f"{view.period}: ", view.value_text, f" {view.status}")
        else:
            latest = str(view.status)
        return [target, latest]

    def status(self, kpi: Kpi) -> str:
        return kpi_view(kpi, self.inputs).status.code

    def card(
        self, kpi: Kpi, edge: str | None, combine: str | None = None, extra: tuple[str, ...] = ()
    ) -> Markup:
        facts = [*extra, *self.facts(kpi)]
        return card(kpi, self.href(kpi), facts, self.status(kpi), edge=edge, combine=combine)

    def planned_card(self, kpi: Kpi, edge: str | None, combine: str | None) -> Markup:
        """A decomposition node: target, required value (逆算), trailing-12-month actual and forecast."""
        node = self.nodes.get(kpi.id)
        view = kpi_view(kpi, self.inputs)
        facts: list[str | None] = [
            md_words("目標 ", written_target(kpi, view.target)) if view.target else "目標 未設定"
        ]
        if node is not None and not view.problems:  # a data problem withholds actual and forecast
            facts += [
                _labelled("必要(逆算)", kpi, node.required),
                _labelled("直近12か月", kpi, node.actual),
                _labelled("見込み", kpi, node.forecast),
            ]
        elif view.problems:
            facts.append(f"{view.status}: {view.problem_names}")
        return card(
            kpi, self.href(kpi), [f for f in facts if f], view.status.code, edge=edge, combine=combine
        )

    def by_ksf(self, kgi: Kpi | None, ksfs: list[Ksf]) -> Markup:
        blocks = [self._ksf(ksf.id, ksf.name, ksf.description) for ksf in ksfs]
        if self._members(None) or self._loose_activities(None):
            blocks.append(self._ksf(None, "KSF 未設定", "tree.ksf を書いていない KPI"))
        top = self.card(kgi, None) if kgi else Markup("")
        return Markup('<div class="kpi-tree">{}{}<ul class="kpi-tree__ksfs">{}</ul></div>').format(
            legend(), top, Markup("").join(blocks)
        )

    def _members(self, ksf_id: str | None) -> list[Kpi]:
        return [k for k in self.kpis.values() if k.tree.level == "kpi" and k.tree.ksf == ksf_id]

    def _loose_activities(self, ksf_id: str | None) -> list[Kpi]:
        """Activity metrics attached to the KSF itself (no parent KPI fits them)."""
        return sorted(
            (
                k
                for k in self.kpis.values()
                if k.tree.level == "activity" and not k.tree.parent and k.tree.ksf == ksf_id
            ),
            key=_child_order,
        )

    def _ksf(self, ksf_id: str | None, name: str, description: str) -> Markup:
        members = self._members(ksf_id)
        member_ids = {k.id for k in members}
        roots = sorted((k for k in members if k.tree.parent not in member_ids), key=_child_order)
        root_ids = {k.id for k in roots}

        def place(parent: Kpi, child: Kpi) -> Markup | None:
            if child.tree.level != "kpi" or child.id in member_ids:
                return None
            where = self.ksf_names.get(child.tree.ksf or "", "KSF 未設定")
            return elsewhere(child, self.href(child), edge_label(parent, child), f"KSF「{where}」に表示")

        def root_card(kpi: Kpi, edge: str | None, combine: str | None) -> Markup:
            extra = (self._attachment(kpi),) if kpi.id in root_ids else ()
            return self.card(kpi, edge, combine, extra)

        items = [
            Markup('<li class="kpi-tree__item">{}</li>').format(
                nested(root, lambda k: _formula_order(self.children.get(k.id, [])), root_card, place)
            )
            for root in roots
        ]
        body = Markup('<ul class="kpi-tree__children">{}</ul>').format(Markup("").join(items))
        loose = [self.card(k, None) for k in self._loose_activities(ksf_id)]
        if loose:
            body += group("contributes", loose, collapsed_title=f"KSF 直下の施策指標 {len(loose)}件")
        anchor = f"ksf-{ksf_id or 'none'}"
        return ksf_block(anchor, page_href(TREE, TREE, anchor), name, description, body)

    def _attachment(self, kpi: Kpi) -> str:
        """Where a KSF's top KPI hangs: its parent (in another KSF or the KGI), or the KSF itself."""
        parent = self.kpis.get(kpi.tree.parent or "")
        if parent is None:
            return "KSF の直下"
        op = edge_label(parent, kpi) or "寄与"
        return f"↑ {parent.name}({op})"

    def decomposition(self, kgi: Kpi) -> Markup:
        def arithmetic_children(kpi: Kpi) -> list[Kpi]:
            if kpi.tree.combine not in ARITHMETIC:
                return []
            return _formula_order(self.children.get(kpi.id, []))

        return Markup('<div class="kpi-tree kpi-tree--plan">{}</div>').format(
            nested(kgi, arithmetic_children, self.planned_card, lambda parent, child: None)
        )


def _formula_order(children: list[Kpi]) -> list[Kpi]:
    """Volumes and numerators first, so a group reads as the plan does: 受注数 × 平均受注単価."""
    return sorted(children, key=lambda c: (c.tree.role == "denominator", c.kind != "volume", c.id))


def _child_order(kpi: Kpi) -> tuple[int, str]:
    return ({"kgi": 0, "kpi": 1, "activity": 2}[kpi.tree.level], kpi.id)


def _labelled(label: str, kpi: Kpi, value: float | None) -> str | None:
    return None if value is None else md_words(f"{label} ", money_markup(kpi, value))


def tree_context(inputs: SiteInputs) -> TreeContext:
    writer = _TreeWriter(inputs)
    tree = inputs.project.tree
    kgi = writer.kpis.get(tree.spec.kgi) if tree else None
    notes = sorted({n.rounding for n in inputs.measurements.tree if n.rounding})
    return TreeContext(
        kgi_name=tree.spec.name if tree else "KGI 未設定",
        kgi_description=tree.spec.description if tree else "",
        diagram=one_block(writer.by_ksf(kgi, list(tree.spec.ksfs) if tree else [])),
        decomposition=one_block(writer.decomposition(kgi)) if kgi else Markup(""),
        rounding_notes=notes,
    )


def render_tree(inputs: SiteInputs) -> str:
    return render("tree.md.j2", page=tree_context(inputs))
