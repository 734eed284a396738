"""The pull-request comment is inert GitHub-flavoured Markdown and stays under GitHub's length limit."""

from __future__ import annotations

import datetime as dt
import re

from markdown_it import MarkdownIt

from generator.diff.changes import Change, Step
from generator.diff.impact import Impact, KpiImpact
from generator.diff.markdown import GITHUB_LIMIT, Comment, render_markdown

HOSTILE = (
    "<script>alert(1)</script> @sales-team #12 [click](https://evil.example) www.evil.example ![x](y) | cell"
)
# The only HTML in the comment is our own: the marker the workflow finds, and <details>.
OUR_HTML = re.compile(r"^(<!-- kpi-diff -->|<details>|</details>|<summary>[^<>]*</summary>)$")


def change(category: str, text: str, number: int = 0) -> Change:
    return Change(
        "changed",
        "kpi",
        f"kpi_{number}",
        (Step("name"),),
        "old",
        "new",
        category,  # type: ignore[arg-type]
        f"metrics/kpi_{number}.yml",
        3,
        text,
        text,
    )


def comment(changes: list[Change], impact: Impact | None = None) -> Comment:
    return Comment("main", "HEAD", changes, impact, None, "kpi-approved", "ja")


def gfm() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def test_definition_text_stays_text() -> None:
    kpi = KpiImpact("x", (HOSTILE, HOSTILE), "count", 0, "2026-09", 1, 2, 3, 4, True)
    impact = Impact(dt.date(2026, 9, 30), (kpi,), None, (), (), 5)
    text = render_markdown(comment([change("breaking", HOSTILE), change("cosmetic", HOSTILE, 1)], impact))
    html = gfm().render(text)
    assert "<script" not in html and "<a " not in html and "<img" not in html
    raw = {t.content.strip() for t in gfm().parse(text) if t.type == "html_block"}
    inline = {
        c.content for t in gfm().parse(text) if t.children for c in t.children if c.type == "html_inline"
    }
    assert not inline
    assert all(OUR_HTML.match(line) for block in raw for line in block.splitlines())
    assert "<summary>表記の変更(1 件)</summary>" in text
    # No @mention, issue reference or autolink survives: a word joiner follows @, # and ://.
    assert re.search(r"@sales|#12|https://|www\.evil", text.replace("\\", "")) is None
    # The hostile name is one table cell: the row still has exactly four cells.
    row = next(line for line in html.split("<tr>") if "alert(1)" in line and "<td>" in line)
    assert row.count("<td>") == 4


def test_the_comment_stays_under_githubs_limit_and_says_how_many_were_left_out() -> None:
    many = [change("cosmetic", "表記の変更 " + "あ" * 100, n) for n in range(3000)]
    text = render_markdown(comment(many))
    assert len(text) <= GITHUB_LIMIT
    listed = sum(1 for line in text.splitlines() if line.startswith("- 表記の変更"))
    assert 0 < listed < 3000
    assert f"- ほか {3000 - listed} 件(全件は kpi diff \\-\\-format json で確認できます)" in text
    assert "<table>" not in gfm().render(text)  # a list, not a broken table


def test_impact_table_is_a_table() -> None:
    kpi = KpiImpact("mql_count", ("MQL数", "MQLs"), "count", 0, "2026-09", 11, 6, 13, 8, True)
    impact = Impact(dt.date(2026, 9, 30), (kpi,), None, (), (), 5)
    html = gfm().render(render_markdown(comment([change("breaking", "MQL数の計算方法")], impact)))
    assert "<td>MQL数</td>\n<td>2026-09</td>\n<td>11件 → 6件(−45%)</td>\n<td>13件 → 8件(−38%)</td>" in html
