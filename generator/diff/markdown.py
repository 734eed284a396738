"""The pull-request comment: summary first, the numbers, then every change inside ``<details>``.

Every piece of definition text goes through :func:`md_text`, so a KPI name can never become HTML,
a link, a heading, a table cell boundary or an @mention; the whole comment stays under GitHub's
65,536-character limit by listing fewer lines and saying honestly how many were left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.backtest import MqlBacktest
from ..render.formatting import format_value
from ..render.period_text import format_period
from ..report.escaping import visible
from .changes import CATEGORY_ORDER, Category, Change
from .impact import Impact, ImpactSkipped, KpiImpact, SlaImpact

GITHUB_LIMIT = 65_536
MARKER = "<!-- kpi-diff -->"  # lets the workflow find and update its one comment
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]#!|~>])")
# What starts a list or a setext heading only at the start of a line: escaped there only.
_LINE_START = re.compile(r"^([-+=])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")
_JOINER = "\u2060"  # word joiner: breaks @mentions, #refs and autolinks without showing anything

HEADINGS: dict[Category, tuple[str, str]] = {
    "breaking": (
        "破壊的な変更(過去の数値と比較できなくなります)",
        "Breaking changes (no longer comparable with the past)",
    ),
    "target": ("目標・期限・判定基準の変更", "Targets, deadlines and status bands"),
    "cosmetic": ("表記の変更", "Wording and labels"),
}


@dataclass(frozen=True)
class Comment:
    """What the comment says, independent of how long it may be."""

    base: str
    head: str
    changes: Sequence[Change]
    impact: Impact | ImpactSkipped | None
    unapproved: Sequence[Change] | None  # None: approvals not checked
    approved_label: str
    lang: str


def md_text(text: str) -> str:
    """Definition text as inert GitHub-flavoured Markdown text."""
    shown = visible(text).replace("&", "&amp;").replace("<", "&lt;")
    shown = _PUNCTUATION.sub(r"\\\1", shown)
    shown = _ORDERED_START.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", shown))
    shown = shown.replace("@", "@" + _JOINER).replace("#", "#" + _JOINER)
    return shown.replace("://", ":" + _JOINER + "//").replace("www.", "www" + _JOINER + ".")


def render_markdown(comment: Comment, limit: int = GITHUB_LIMIT) -> str:
    """The comment, with at most as many change lines as fit under ``limit`` characters."""
    shown = len(comment.changes)
    while True:
        text = _render(comment, shown)
        if len(text) <= limit or shown == 0:
            return text
        shown = shown * 3 // 4 if shown > 4 else shown - 1


def _render(comment: Comment, shown: int) -> str:
    ja = comment.lang == "ja"
    counts = {
        category: sum(1 for c in comment.changes if c.category == category) for category in CATEGORY_ORDER
    }
    title = "定義の変更とその影響" if ja else "Definition changes and their impact"
    lines = [
        MARKER,
        f"### {title}",
        "",
        f"{md_text(comment.base)} → {md_text(comment.head)}: " + _counts(counts, ja),
        "",
    ]
    if not comment.changes:
        lines.append("定義の変更はありません。" if ja else "No definition changes.")
        return "\n".join(lines) + "\n"
    lines += _approval(comment, ja)
    budget = shown
    breaking = [c for c in comment.changes if c.category == "breaking"]
    if breaking:
        lines += [f"#### {HEADINGS['breaking'][0 if ja else 1]}", ""]
        listed, budget = breaking[:budget], max(budget - len(breaking), 0)
        lines += [_change_line(c, comment.lang) for c in listed]
        lines += _more(len(breaking) - len(listed), ja)
        lines.append("")
    lines += _impact(comment.impact, ja)
    for category in ("target", "cosmetic"):
        group = [c for c in comment.changes if c.category == category]
        if not group:
            continue
        listed, budget = group[:budget], max(budget - len(group), 0)
        summary = (
            f"{HEADINGS[category][0 if ja else 1]}({len(group)} 件)"
            if ja
            else f"{HEADINGS[category][1]} ({len(group)})"
        )
        lines += ["<details>", f"<summary>{summary}</summary>", ""]
        lines += [_change_line(c, comment.lang) for c in listed]
        lines += _more(len(group) - len(listed), ja)
        lines += ["", "</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _counts(counts: dict[Category, int], ja: bool) -> str:
    if ja:
        return f"破壊的 {counts['breaking']} 件・目標 {counts['target']} 件・表記 {counts['cosmetic']} 件"
    return f"{counts['breaking']} breaking, {counts['target']} target, {counts['cosmetic']} cosmetic"


def _approval(comment: Comment, ja: bool) -> list[str]:
    if comment.unapproved is None or not any(c.category == "breaking" for c in comment.changes):
        return []
    label = md_text(comment.approved_label)
    if not comment.unapproved:
        return ["✅ " + ("破壊的な変更は承認済みです。" if ja else "Breaking changes are approved."), ""]
    n = len(comment.unapproved)
    if ja:
        return [
            f"❌ 承認の印がない破壊的な変更が {n} 件あります — ラベル「{label}」を付けるか、"
            "変更した定義ファイルに changelog の項目(date と note)を追加してください。",
            "",
        ]
    return [
        f"❌ {n} breaking change(s) without an approval marker — add the label “{label}”"
        " or a changelog entry (date and note) to the changed definition file.",
        "",
    ]


def _change_line(change: Change, lang: str) -> str:
    return f"- {md_text(change.text(lang))}({md_text(change.file)}:{change.line})"


def _more(left_out: int, ja: bool) -> list[str]:
    if left_out <= 0:
        return []
    if ja:
        return [f"- ほか {left_out} 件(全件は kpi diff \\-\\-format json で確認できます)"]
    return [f"- and {left_out} more (kpi diff \\-\\-format json lists them all)"]


def _impact(impact: Impact | ImpactSkipped | None, ja: bool) -> list[str]:
    if impact is None:
        return []
    heading = "#### 数値への影響" if ja else "#### Impact on the numbers"
    if isinstance(impact, ImpactSkipped):
        reason = md_text(impact.reason_ja if ja else impact.reason_en)
        return [
            heading,
            "",
            ("数値を比較できませんでした: " if ja else "The numbers could not be compared: ") + reason,
            "",
        ]
    note = (
        f"同じデータで両方の定義を計測(基準日 {impact.as_of.isoformat()})。"
        if ja
        else f"Both definitions measured on the same data (as of {impact.as_of.isoformat()})."
    )
    lines = [heading, "", note, ""]
    if impact.kgi is not None and impact.kgi.year_before != impact.kgi.year_after:
        label = "KGI 見込み" if ja else "KGI forecast"
        forecast = _arrow(impact.kgi, impact.kgi.year_before, impact.kgi.year_after)
        lines += [f"**{label}**({md_text(_name(impact.kgi, ja))}): {forecast}", ""]
    if impact.kpis:
        lines += _kpi_table(impact.kpis, ja)
    if impact.required:
        lines += _required_table(impact.required, ja)
    if impact.slas:
        lines += _sla_table(impact.slas, impact.k, ja)
    lines += [line for backtest in impact.backtests for line in (backtest_line(backtest, impact.k, ja), "")]
    if not impact.kpis and not impact.slas and not impact.required and not impact.backtests:
        lines += ["数値は変わりません。" if ja else "No number moves.", ""]
    return lines


def _kpi_table(kpis: Sequence[KpiImpact], ja: bool) -> list[str]:
    header = (
        "| KPI | 直近の完了期間 | 変更前 → 変更後 | 直近12か月 変更前 → 変更後 |"
        if ja
        else "| KPI | Latest complete period | Before → after | Trailing 12 months before → after |"
    )
    rows = [header, "| --- | --- | --- | --- |"]
    for kpi in kpis:
        period = md_text(kpi.period or "—")
        latest = _arrow(kpi, kpi.latest_before, kpi.latest_after)
        year = _arrow(kpi, kpi.year_before, kpi.year_after)
        rows.append(f"| {md_text(_name(kpi, ja))} | {period} | {latest} | {year} |")
    return [*rows, ""]


def _required_table(required: Sequence[KpiImpact], ja: bool) -> list[str]:
    header = (
        "| KPI | KGI の目標から逆算した必要量 変更前 → 変更後 |"
        if ja
        else "| KPI | Required to reach the KGI's target, before → after |"
    )
    rows = [header, "| --- | --- |"]
    rows += [
        f"| {md_text(_name(kpi, ja))} | {_arrow(kpi, kpi.year_before, kpi.year_after)} |" for kpi in required
    ]
    return [*rows, ""]


def _sla_table(slas: Sequence[SlaImpact], k: int, ja: bool) -> list[str]:
    header = (
        "| SLA | 直近の完了週 | 期限内の対応率 変更前 → 変更後 | ルール上の MQL 変更前 → 変更後 |"
        if ja
        else "| SLA | Latest complete week | Compliance before → after | Rule-derived MQLs before → after |"
    )
    rows = [header, "| --- | --- | --- | --- |"]
    for sla in slas:
        before, after = sla.compliance_before, sla.compliance_after
        compliance = f"{format_value(before, 'percent', 1)} → {format_value(after, 'percent', 1)}"
        compliance += _points(before, after, 1)
        change = _change(sla.mqls_before, sla.mqls_after)
        mqls = f"{_count(sla.mqls_before, k, ja)} → {_count(sla.mqls_after, k, ja)}{change}"
        rows.append(f"| {md_text(sla.sla_id)} | {md_text(sla.week or '—')} | {compliance} | {mqls} |")
    return [*rows, ""]


def backtest_line(backtest: MqlBacktest, k: int, ja: bool) -> str:
    """The lead-by-lead back-test of a changed MQL definition, in one sentence (counts only)."""
    sla = md_text(backtest.sla_id)
    quarter = md_text(format_period(backtest.quarter, "quarter", "ja" if ja else "en"))  # 2026年度第2四半期
    lost, gained, before, after = backtest.lost, backtest.gained, backtest.before, backtest.after
    if lost is None or gained is None or before is None or after is None:
        if ja:
            return (
                f"**{sla}**: 直近の完了した四半期({quarter})の MQL の入れ替わりは、{k} 件未満の数を含むため"
                "件数を示しません。"
            )
        return (
            f"**{sla}**: how the MQLs of the latest complete quarter ({quarter}) change is not shown:"
            f" it involves a count under {k}."
        )
    if ja:
        return (
            f"**{sla}**: この変更で、直近の完了した四半期({quarter})の MQL のうち {lost:,} 件が"
            f" MQL でなくなり、{gained:,} 件が新たに MQL になります"
            f"(MQL {before:,} 件 → {after:,} 件{_change(before, after)})。"
            "四半期の MQL は、その四半期に初めて MQL の条件を満たしたリードです"
            "(前の四半期から移るリードもあります)。"
        )
    return (
        f"**{sla}**: with this change, {lost:,} of the MQLs of the latest complete quarter ({quarter})"
        f" are no longer MQLs and {gained:,} leads become MQLs (MQLs {before:,} → {after:,}"
        f"{_change(before, after)}). A quarter's MQLs are the leads that first met the MQL definition in it"
        " (some move in from an earlier quarter)."
    )


def _name(kpi: KpiImpact, ja: bool) -> str:
    return kpi.name[0] if ja else kpi.name[1]


def _arrow(kpi: KpiImpact, before: float | None, after: float | None) -> str:
    old, new = format_value(before, kpi.unit, kpi.decimals), format_value(after, kpi.unit, kpi.decimals)
    if kpi.unit == "percent":  # a rate moves in points: 80% → 40% is −40pt, not −50%
        return f"{old} → {new}{_points(before, after, kpi.decimals)}"
    return f"{old} → {new}{_change(before, after)}"  # our own numbers, not definition text


def _count(count: int | None, k: int, ja: bool) -> str:
    if count is None:
        return f"{k} 件未満" if ja else f"under {k}"
    return f"{count:,} 件" if ja else f"{count:,}"


def _change(before: float | None, after: float | None) -> str:
    """The relative change, e.g. (−16%); nothing when either side is missing or zero."""
    if before is None or after is None or before == 0 or before == after:
        return ""
    return f"({(after - before) / abs(before) * 100:+.0f}%)".replace("-", "−")


def _points(before: float | None, after: float | None, decimals: int) -> str:
    if before is None or after is None or before == after:
        return ""
    return f"({(after - before) * 100:+,.{decimals}f}pt)".replace("-", "−")
