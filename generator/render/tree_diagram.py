"""The KPI tree as a picture: nested HTML cards (KGI → KSF → KPI → 施策指標), no script.

Each node is a card: its name linked to its page, its target as written, and the judged period's value
and status (the same :class:`~generator.render.views.KpiView` every page uses). A parent's children are
a group whose label says how they make the parent up — × (product), + (sum, 内訳), ÷ (ratio, with 分子
and 分母), 寄与 (contributes: they drive it, no arithmetic) — never 「=」 between a list of drivers.
Activity metrics sit in a closed ``<details>`` under their KPI, so a phone shows the tree down to the
KPI level first.

The diagram is a raw HTML block in the page's Markdown: the converter leaves it as written, so every
text is escaped here and links are the built pages' addresses (directory URLs, as ``mkdocs.yml`` sets).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

from markupsafe import Markup

from ..model.kpi import Kpi

COMBINE_LABELS = {
    "product": ("×", "掛け算 — 子の積が親になる"),
    "sum": ("+", "足し算(内訳) — 子の和が親になる"),
    "ratio": ("÷", "割り算 — 分子 ÷ 分母が親になる"),
    "contributes": ("寄与", "計算式ではなく、親を動かす要因"),
}
ROLE_LABELS = {"numerator": "分子", "denominator": "÷ 分母"}
LEVEL_LABELS = {"kgi": "KGI", "kpi": "KPI", "activity": "施策指標"}

_UNSAFE_PATH = re.compile(r"[^A-Za-z0-9_./-]")
_UNSAFE_CLASS = re.compile(r"[^a-z0-9_-]+")


def page_href(here: str, target: str, anchor: str | None = None) -> Markup:
    """The built address of ``target`` (a docs path such as ``kpis/cpl.md``) seen from ``here``.

    Raw HTML is not rewritten by the converter, so the link is written as the site serves pages:
    ``kpis/cpl.md`` is ``kpis/cpl/`` (``use_directory_urls: true``)."""
    relative = posixpath.relpath(_directory(target), _directory(here))
    href = "./" if relative == "." else f"{relative}/"
    href = _UNSAFE_PATH.sub("-", href)
    if anchor is not None:
        href += "#" + _UNSAFE_CLASS.sub("-", anchor.lower())
    return Markup(href)


def _directory(page: str) -> str:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return stem or "."


def one_block(html: Markup) -> Markup:
    """The diagram on one line: a definition's line breaks (escaped text) must not end the raw block."""
    return Markup(" ".join(str(html).splitlines()))


def css_token(text: str) -> str:
    return _UNSAFE_CLASS.sub("-", text.lower()).strip("-") or "x"


def card(
    kpi: Kpi,
    href: Markup,
    facts: Iterable[str],
    status: str,
    *,
    edge: str | None = None,
    combine: str | None = None,
) -> Markup:
    """One node: level, linked name, its facts (target, judged value, status) as text, and — when
    children hang below it — how they combine (「↓ × 掛け算」, the group's label)."""
    parts = [
        Markup('<div class="kpi-tree__card kpi-tree__card--{}">').format(css_token(status)),
        Markup('<span class="kpi-tree__op">{}</span>').format(edge) if edge else Markup(""),
        Markup('<span class="kpi-tree__level">{}</span>').format(LEVEL_LABELS[kpi.tree.level]),
        Markup('<a class="kpi-tree__name" href="{}">{}</a>').format(href, kpi.name),
    ]
    parts += [Markup('<span class="kpi-tree__fact">{}</span>').format(fact) for fact in facts if fact]
    if combine is not None:
        parts.append(combine_label(combine))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)


def combine_label(combine: str | None) -> Markup:
    """The label over a parent's children: 「↓ × 掛け算」 (the long wording in its title)."""
    symbol, words = COMBINE_LABELS.get(combine or "contributes", COMBINE_LABELS["contributes"])
    short = words.split(" — ")[0] if symbol != "寄与" else ""
    return Markup(
        '<span class="kpi-tree__combine" title="{}">↓ <span class="kpi-tree__symbol">{}</span> {}</span>'
    ).format(words, symbol, short)


def edge_label(parent: Kpi, child: Kpi) -> str | None:
    """What stands before a child in its parent's group: ×, +, 分子 / ÷ 分母; none for 寄与."""
    combine = parent.tree.combine
    if combine == "ratio":
        return ROLE_LABELS.get(child.tree.role or "", "÷")
    if combine in ("product", "sum"):
        return COMBINE_LABELS[combine][0]
    return None


def group(combine: str | None, items: list[Markup], *, collapsed_title: str | None = None) -> Markup:
    """A parent's children with the label saying how they combine; closed ``<details>`` when titled.
    No ``combine`` (TREE008 asks for one) reads as 寄与: nothing is computed from the children."""
    if not items:
        return Markup("")
    symbol = COMBINE_LABELS.get(combine or "contributes", COMBINE_LABELS["contributes"])[0]
    body = Markup('<ul class="kpi-tree__children">{}</ul>').format(
        Markup("").join(Markup('<li class="kpi-tree__item">{}</li>').format(item) for item in items)
    )
    if collapsed_title is None:
        return Markup('<div class="kpi-tree__group">{}</div>').format(body)
    summary = Markup('<summary class="kpi-tree__more">{}({})</summary>').format(collapsed_title, symbol)
    return Markup('<details class="kpi-tree__group kpi-tree__activities">{}{}</details>').format(
        summary, body
    )


def elsewhere(kpi: Kpi, href: Markup, edge: str | None, where: str) -> Markup:
    """A child shown in another KSF: a one-line link (the KSF named in its title), so the group still
    lists every factor."""
    op = Markup('<span class="kpi-tree__op">{}</span>').format(edge) if edge else Markup("")
    return Markup(
        '<div class="kpi-tree__ref" title="{}">{}<a class="kpi-tree__name" href="{}">{}</a>'
        '<span class="kpi-tree__fact">→ 別の KSF</span></div>'
    ).format(where, op, href, kpi.name)


def legend() -> Markup:
    """How to read the groups, once at the top: × + ÷ 寄与."""
    keys = [
        Markup('<span class="kpi-tree__symbol">{}</span> {}').format(symbol, words.split(" — ")[0])
        for symbol, words in COMBINE_LABELS.values()
    ]
    return Markup('<p class="kpi-tree__legend">子の組み合わせ方: {}</p>').format(Markup("、").join(keys))


def ksf_block(anchor: str, href: Markup, name: str, description: str, body: Markup) -> Markup:
    return Markup(
        '<li class="kpi-tree__ksf" id="{}"><div class="kpi-tree__card kpi-tree__card--ksf">'
        '<span class="kpi-tree__level">KSF</span><a class="kpi-tree__name" href="{}">{}</a>'
        '<span class="kpi-tree__fact kpi-tree__note">{}</span></div>{}</li>'
    ).format(anchor, href, name, description, body)


def nested(
    root: Kpi,
    children_of: Callable[[Kpi], list[Kpi]],
    render_card: Callable[[Kpi, str | None, str | None], Markup],
    place_child: Callable[[Kpi, Kpi], Markup | None],
) -> Markup:
    """A KPI card with its children below it, recursively (``place_child`` may show a child elsewhere)."""
    seen: set[str] = set()

    def visit(kpi: Kpi, edge: str | None) -> Markup:
        seen.add(kpi.id)
        drivers: list[Markup] = []
        activities: list[Markup] = []
        for child in children_of(kpi):
            if child.id in seen:  # a cycle is reported by `kpi check`; never loop here
                continue
            placed = place_child(kpi, child)
            if placed is not None:
                drivers.append(placed)
            elif child.tree.level == "activity":
                activities.append(render_card(child, edge_label(kpi, child), None))
            else:
                drivers.append(visit(child, edge_label(kpi, child)))
        body = group(kpi.tree.combine, drivers)
        if activities:
            body += group(kpi.tree.combine, activities, collapsed_title=f"施策指標 {len(activities)}件")
        has_children = bool(drivers or activities)
        return render_card(kpi, edge, (kpi.tree.combine or "contributes") if has_children else None) + body

    return visit(root, None)
