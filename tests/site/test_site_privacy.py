"""No personal data anywhere in the built site, and text from definitions is always escaped."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from generator.commands.build import run_build
from generator.pipeline import Workspace

pytestmark = pytest.mark.slow

PERSONAL_COLUMNS = ("name", "email", "company", "phone")
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


Trie = dict[str, "Trie"]


def trie_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for many literals, shaped as a trie so scanning megabytes stays fast."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: Trie) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return re.compile(pattern(trie))


def site_texts(site: Path) -> Iterable[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


def test_no_personal_value_from_the_leads_table_appears_anywhere(built_site: Path) -> None:
    project = built_site.parent
    leads = pq.read_table(project / "data/leads.parquet", columns=list(PERSONAL_COLUMNS)).to_pandas()
    definitions = "\n".join(p.read_text(encoding="utf-8") for p in (project / "metrics").glob("*.yml"))
    definitions += "\n".join(p.read_text(encoding="utf-8") for p in (project / "definitions").rglob("*.yml"))
    values = set()
    for column in PERSONAL_COLUMNS:
        for value in leads[column].dropna().astype(str).unique():
            # A generated name can coincide with a team member named in the definitions (an owner):
            # those are published on purpose and cannot tell us anything about a lead.
            if len(value) >= 3 and value not in definitions:
                values.add(value)
    assert len(values) > 1000
    pattern = trie_pattern(values)
    leaks = []
    for path, text in site_texts(built_site):
        found = pattern.search(text)
        if found:
            leaks.append((path.relative_to(built_site).as_posix(), found.group(0)))
    assert leaks == []


def test_script_in_definitions_is_escaped_everywhere(make_project: Callable[[str], Path]) -> None:
    project = make_project("xss")
    kpi_file = project / "metrics/mql_to_sql_rate.yml"
    text = kpi_file.read_text(encoding="utf-8")
    kpi_file.write_text(
        text.replace("description: |\n", f"description: |\n  {SCRIPT} [x](javascript:alert(2))\n", 1)
    )
    glossary = project / "definitions/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(re.sub(r"(\n    definition: [|>]?-?\n?\s*)", rf"\g<1>{SCRIPT} ", text, count=1))
    checklists = project / "definitions/checklists"
    checklists.mkdir(exist_ok=True)
    (checklists / "xss_check.yml").write_text(
        "id: xss_check\n"
        "name: 確認用\n"
        "name_en: Escaping check\n"
        "description: 定義の文字列がそのまま表示されることの確認。\n"
        "items:\n"
        "  - id: item_one\n"
        f"    text: '{SCRIPT}'\n"
        "    owner: marketing\n"
        "    state: done\n"
        "    evidence: [{kind: kpi, ref: mql_to_sql_rate}]\n",
        encoding="utf-8",
    )
    assert run_build(Workspace(project), project / "site") == 0
    site = project / "site"
    pages = {
        "kpi": site / "kpis/mql_to_sql_rate/index.html",
        "glossary": site / "glossary/index.html",
        "checklists": site / "checklists/index.html",
    }
    for kind, page in pages.items():
        html = page.read_text(encoding="utf-8")
        assert ESCAPED in html, kind
    for path, text in site_texts(site):
        if path.suffix in (".html", ".json", ".xml"):
            assert SCRIPT not in text, path
            assert 'href="javascript:' not in text, path
