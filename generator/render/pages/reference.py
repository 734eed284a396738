"""Reference pages: glossary, validation rules, and the canonical data model (personal columns marked)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from markupsafe import Markup

from ...model.glossary import Term
from ...model.sources import Table
from ..environment import render
from ..inputs import RuleDoc, SiteInputs
from ..kana import reading_key
from ..links import DATA_MODEL, GLOSSARY, Links, term_anchor
from ..text import md_link, md_text

TYPE_LABELS = {
    "string": "文字列",
    "integer": "整数",
    "float": "数値",
    "boolean": "真偽",
    "timestamp": "日時",
    "date": "日付",
}


@dataclass(frozen=True)
class TermEntry:
    term: Term
    anchor: str
    kpis: list[Markup]


def render_glossary(inputs: SiteInputs) -> str:
    links = Links(GLOSSARY)
    entries = []
    for term in sorted(inputs.project.terms(), key=lambda t: (reading_key(t.reading), t.id)):
        kpis = []
        for kpi_id in term.related_kpis:
            kpi = inputs.project.kpi(kpi_id)
            kpis.append(md_link(kpi.spec.name, links.kpi(kpi_id)) if kpi else md_text(kpi_id))
        entries.append(TermEntry(term, term_anchor(term.id), kpis))
    return render("glossary.md.j2", entries=entries)


@dataclass(frozen=True)
class RuleEntry:
    doc: RuleDoc
    summary: Markup
    blocks: list[tuple[str, Markup]]


_RST_LITERAL = re.compile(r"``(.+?)``")


def rst_inline(text: str) -> Markup:
    """Docstring prose with reST ``literals`` as code (docstrings are our code; still escaped)."""
    parts = _RST_LITERAL.split(text)
    out = [
        _prose(part) if i % 2 == 0 else Markup("<code>{}</code>").format(part) for i, part in enumerate(parts)
    ]
    return Markup("").join(out)


def _prose(part: str) -> Markup:
    """Escaped text that keeps the single spaces around it (md_text trims lines)."""
    lead = " " if part[:1].isspace() else ""
    trail = " " if part[-1:].isspace() and part.strip() else ""
    return Markup(f"{lead}{md_text(part)}{trail}")


_EXAMPLE_LABELS = {"bad": "悪い例", "good": "良い例", "example": "例"}


def rule_blocks(body: str) -> list[tuple[str, str]]:
    """A docstring body as ("text", paragraph) and ("code", literal block) pieces (reST ``::`` blocks)."""
    blocks: list[tuple[str, str]] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        if lines[i].startswith((" ", "\t")):
            start = i
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
                i += 1
            blocks.append(("code", textwrap.dedent("\n".join(lines[start:i])).strip("\n")))
            continue
        start = i
        while i < len(lines) and lines[i].strip() and not lines[i].startswith((" ", "\t")):
            i += 1
        text = " ".join(line.strip() for line in lines[start:i])
        if text.endswith("::"):
            text = text[:-2].strip()
            text = _EXAMPLE_LABELS.get(text.lower(), text)
        blocks.append(("text", text))
    return blocks


def render_rules(inputs: SiteInputs) -> str:
    entries = [
        RuleEntry(
            doc,
            rst_inline(doc.summary),
            [
                (kind, Markup(content) if kind == "code" else rst_inline(content))
                for kind, content in rule_blocks(doc.body)
            ],
        )
        for doc in sorted(inputs.rules, key=lambda r: r.code)
    ]
    return render("rules.md.j2", rules=entries)


@dataclass(frozen=True)
class ColumnRow:
    name: str
    type: str
    description: str
    required: str
    allowed: str
    personal: str


@dataclass(frozen=True)
class TableSection:
    table: Table
    anchor: str
    columns: list[ColumnRow]
    checks: list[str]
    used_by: list[Markup]


def _check_text(check: dict[str, object]) -> str:
    name = check.pop("check")
    if check.get("severity") == "error":  # the default: only a warning-level check says so
        del check["severity"]
    return f"{name}(" + "、".join(f"{k}={v}" for k, v in check.items() if v is not None) + ")"


def render_data_model(inputs: SiteInputs) -> str:
    links = Links(DATA_MODEL)
    sources = inputs.project.sources
    tables = []
    for table in sources.spec.tables if sources else []:
        used_by = [
            md_link(k.spec.name, links.kpi(k.spec.id))
            for k in sorted(inputs.project.kpis, key=lambda k: k.spec.id)
            if f'"table":"{table.id}"' in k.spec.compute.model_dump_json().replace(" ", "")
        ]
        tables.append(
            TableSection(
                table=table,
                anchor=f"table-{table.id}",
                columns=[
                    ColumnRow(
                        name=c.name,
                        type=TYPE_LABELS[c.type],
                        description=c.description,
                        required="—" if c.nullable else "必須",
                        allowed="、".join(c.allowed) if c.allowed else "—",
                        personal="🔒 個人情報(値はサイトに出しません)" if c.personal else "—",
                    )
                    for c in table.columns
                ],
                checks=[_check_text(c.model_dump()) for c in table.checks],
                used_by=used_by,
            )
        )
    return render("data_model.md.j2", tables=tables, path=sources.spec.path if sources else "data")
