"""Glossary tooltips in Japanese text: what gets an <abbr>, what never does."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.loading.safe_yaml import parse_yaml
from generator.model.glossary import Glossary, Term
from generator.site.glossary_abbr import glossary_titles, term_title

GLOSSARY = {
    "MQL": "Marketing Qualified Lead",
    "SQL": "Sales Qualified Lead",
    "MQL→SQL転換率": "MQL のうち SQL になった割合",
    "ホットリード": "すぐに IS へ渡すリード",
    "IS": "Inside Sales",
}


def render(text: str, glossary: dict[str, str] | None = None, extensions: list[str] | None = None) -> str:
    config = {"glossary": GLOSSARY if glossary is None else glossary}
    md = markdown.Markdown(
        extensions=[*(extensions or []), "generator.site.glossary_abbr"],
        extension_configs={"generator.site.glossary_abbr": config},
    )
    html: str = md.convert(text)
    return html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "MQLとSQLの定義",
            '<p><abbr tabindex="0" title="Marketing Qualified Lead">MQL</abbr>と'
            '<abbr tabindex="0" title="Sales Qualified Lead">SQL</abbr>の定義</p>',
        ),
        (
            "ホットリードの引き渡し",
            '<p><abbr tabindex="0" title="すぐに IS へ渡すリード">ホットリード</abbr>の引き渡し</p>',
        ),
        (
            "8月のMQL→SQL転換率は14%",
            '<p>8月の<abbr tabindex="0" title="MQL のうち SQL になった割合">MQL→SQL転換率</abbr>は14%</p>',
        ),
        (
            "Our MQLs come from SQLite, but the MQL count is fine.",
            "<p>Our MQLs come from SQLite, but the "
            '<abbr tabindex="0" title="Marketing Qualified Lead">MQL</abbr> count is fine.</p>',
        ),
        ("MQL2件とISO規格", "<p>MQL2件とISO規格</p>"),
        (
            "(IS)が対応",
            '<p>(<abbr tabindex="0" title="Inside Sales">IS</abbr>)が対応</p>',
        ),
    ],
)
def test_terms_match_inside_japanese_text_but_not_inside_ascii_words(source: str, expected: str) -> None:
    assert render(source) == expected


def test_code_links_headings_and_existing_abbr_are_left_alone() -> None:
    source = (
        "# MQLの定義\n\n"
        "`MQL` と [SQL](https://example.com/MQL?x=SQL) と <https://example.com/SQL> と "
        '<abbr title="既存">IS</abbr> の後の MQL\n\n'
        "    MQL in a code block\n"
    )
    assert render(source) == (
        "<h1>MQLの定義</h1>\n"
        '<p><code>MQL</code> と <a href="https://example.com/MQL?x=SQL">SQL</a> と '
        '<a href="https://example.com/SQL">https://example.com/SQL</a> と '
        '<abbr title="既存">IS</abbr> の後の '
        '<abbr tabindex="0" title="Marketing Qualified Lead">MQL</abbr></p>\n'
        "<pre><code>MQL in a code block\n</code></pre>"
    )


def test_heading_ids_and_attributes_keep_their_text() -> None:
    source = '## MQLとSQL\n\nMQLの判定\n{: title="SQL" data-x="MQL" }\n'
    html = render(source, extensions=["toc", "attr_list"])
    assert html == (
        '<h2 id="mqlsql">MQLとSQL</h2>\n'
        '<p data-x="MQL" title="SQL"><abbr tabindex="0" title="Marketing Qualified Lead">MQL</abbr>の判定</p>'
    )


def test_terms_inside_emphasis_and_table_cells_and_after_inline_code() -> None:
    source = "| 指標 | 説明 |\n|---|---|\n| **SQL数** | `x` のあとの IS |\n"
    html = render(source, extensions=["tables"])
    assert '<strong><abbr tabindex="0" title="Sales Qualified Lead">SQL</abbr>数</strong>' in html
    assert '<code>x</code> のあとの <abbr tabindex="0" title="Inside Sales">IS</abbr></td>' in html


def test_titles_are_escaped() -> None:
    html = render("KPIの定義", {"KPI": '<script>alert("x")</script> & "quotes"'})
    title = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"
    assert html == f'<p><abbr tabindex="0" title="{title}">KPI</abbr>の定義</p>'


def test_raw_html_is_never_rewritten() -> None:
    chart = (
        '<div class="kpi-chart" data-spec="{&quot;title&quot;:&quot;MQL&quot;}">'
        "<svg><text>MQL</text></svg></div>"
    )
    html = render(chart + "\n\nMQL")
    assert html == chart + '\n\n<p><abbr tabindex="0" title="Marketing Qualified Lead">MQL</abbr></p>'


def test_an_empty_glossary_changes_nothing() -> None:
    assert render("MQLとSQL", {}) == "<p>MQLとSQL</p>"


def make_term(**changes: object) -> Term:
    spec: dict[str, object] = {
        "id": "mql",
        "term": "MQL",
        "reading": "エムキューエル",
        "expansion": "Marketing Qualified Lead",
        "english": "Marketing qualified lead",
        "definition": "マーケティングが「営業に渡してよい」と判断したリード。SLA の基準で判定する。",
        "synonyms": ["マーケティング認定リード"],
    }
    spec.update(changes)
    return Term.model_validate(spec)


def test_titles_from_terms_synonyms_and_expansions() -> None:
    mql = make_term()
    hot = make_term(
        id="hot_lead",
        term="ホットリード",
        expansion=None,
        definition="今すぐ対応すべきリード。",
        synonyms=["MQL"],
    )
    mql_title = "Marketing Qualified Lead — マーケティングが「営業に渡してよい」と判断したリード。"
    assert term_title(mql) == mql_title
    assert glossary_titles([mql, hot]) == {
        "MQL": mql_title,  # the term beats the other entry's synonym
        "ホットリード": "今すぐ対応すべきリード。",
        "マーケティング認定リード": f"MQLと同じ。{mql_title}",
    }


def test_the_shipped_glossary_gives_tooltips_on_a_japanese_sentence() -> None:
    path = Path(__file__).parents[2] / "definitions" / "glossary.yml"
    glossary = Glossary.model_validate(parse_yaml(path.read_bytes()).data)
    titles = glossary_titles(glossary.terms)
    html = render("KPIツリーでKGIからMQLとSQLを逆算する", titles)
    assert html.count("<abbr ") == 5
    assert html.startswith(f'<p><abbr tabindex="0" title="{titles["KPIツリー"]}">KPIツリー</abbr>で')


def test_text_inside_inline_raw_html_links_and_code_is_left_alone() -> None:
    source = '<a href="/x">**MQL**と SQL</a>、<code>IS</code>、<span title="MQL">SQL</span>'
    assert render(source) == (
        '<p><a href="/x"><strong>MQL</strong>と SQL</a>、<code>IS</code>、'
        '<span title="MQL"><abbr tabindex="0" title="Sales Qualified Lead">SQL</abbr></span></p>'
    )
