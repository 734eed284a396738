"""Pages and search entries remembered in ``.cache/`` reach the site only when a build would write them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_helpers import site_digest

from generator.commands.build import run_build
from generator.pipeline import Workspace
from generator.site.safe_html import html_problem, page_memo_problem, search_entries_problem

PAYLOAD = "<img src=x onerror=alert(1)>"
MARKER = "<!--kpi-chart:" + "0" * 64 + "-->"

# (category, case, HTML) — each must be refused.
REFUSED_HTML: list[tuple[str, str, str]] = [
    ("element", "script", "<p>a</p><script>alert(1)</script>"),
    ("element", "img with onerror", f"<p>{PAYLOAD}</p>"),
    ("attribute", "svg with onload", "<svg onload=alert(1)></svg>"),
    ("element", "svg use", '<svg><use href="https://example.com/x.svg#a"/></svg>'),
    ("element", "svg foreignObject", "<svg><foreignObject><p>a</p></foreignObject></svg>"),
    ("element", "svg script", "<svg><script>alert(1)</script></svg>"),
    ("element", "svg animate", '<svg><circle r="1"><animate attributeName="r"/></circle></svg>'),
    ("attribute", "svg circle with onclick", '<svg><circle r="1" onclick="alert(1)"/></svg>'),
    ("element", "iframe", '<iframe src="javascript:alert(1)"></iframe>'),
    ("element", "style", "<style>*{background:url(//x)}</style>"),
    ("element", "object", '<object data="x.swf"></object>'),
    ("element", "form", '<form action="https://example.com"><button>x</button></form>'),
    ("element", "base", '<base href="https://example.com/">'),
    ("element", "meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("element", "upper-case SCRIPT", "<SCRIPT>alert(1)</SCRIPT>"),
    ("attribute", "onclick on a paragraph", '<p onclick="alert(1)">a</p>'),
    ("attribute", "onmouseover unquoted", "<abbr title=x onmouseover=alert(1)>MQL</abbr>"),
    ("attribute", "style with url()", '<td style="background:url(https://example.com/x)">1</td>'),
    ("attribute", "srcdoc", '<div srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">a</div>'),
    ("link", "javascript:", '<a href="javascript:alert(1)">a</a>'),
    ("link", "JavaScript: in capitals", '<a href="JavaScript:alert(1)">a</a>'),
    ("link", "javascript: with a tab inside", '<a href="java\tscript:alert(1)">a</a>'),
    ("link", "javascript: as entities", '<a href="&#106;avascript:alert(1)">a</a>'),
    ("link", "javascript: after spaces", '<a href="  javascript:alert(1)">a</a>'),
    ("link", "data:", '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">a</a>'),
    ("link", "vbscript:", "<a href=vbscript:msgbox(1)>a</a>"),
    ("syntax", "a tag split by a second <", "<scr<script>ipt>alert(1)</script>"),
    ("syntax", "an unterminated tag at the end", "<p>a</p><img src=x onerror=alert(1)"),
    ("syntax", "a comment", f"<!-- {PAYLOAD} -->"),
    ("syntax", "a comment that is almost a chart marker", "<!--kpi-chart:xyz--><script>alert(1)</script>"),
    ("syntax", "a DOCTYPE", "<!DOCTYPE html><p>a</p>"),
    ("syntax", "CDATA", f"<![CDATA[{PAYLOAD}]]>"),
    ("syntax", "a processing instruction", '<?xml-stylesheet href="x"?>'),
    ("syntax", "a slash between attributes", "<a/href=javascript:alert(1)>a</a>"),
]


def remembered_page(**changes: Any) -> dict[str, Any]:
    page: dict[str, Any] = {
        "content": '<h1 id="kpi">KPI</h1><p>本文 <abbr title="Marketing Qualified Lead">MQL</abbr></p>'
        + MARKER,
        "toc": [{"title": "KPI", "id": "kpi", "level": 1, "children": []}],
        "title": "KPI",
        "anchors": ["kpi"],
        "links": {},
    }
    return {**page, **changes}


def test_what_the_conversion_writes_is_kept() -> None:
    kept = [
        '<p class="admonition-title">注意</p><table><thead><tr><th style="text-align: right;">値</th>',
        '<a class="headerlink" href="#mql" title="Permanent link">&para;</a><a href="../kpis/cpl/">CPL</a>',
        '<a href="https://example.com/a?b=1&amp;c=2">出典</a><br><code>&lt;img&gt;</code>',
        f"<div>{MARKER}</div><p>1 &lt; 2 &gt; 0 &amp; 「MQL」</p>",
        # a home page sparkline (generator.render.sparkline)
        '<p><svg class="kpi-spark" viewBox="0 0 120 32" width="120" height="32" role="img" aria-label="CPL">'
        '<polyline points="3.0,29.0 117.0,3.0" fill="none" stroke="#3f51b5" stroke-width="1.5"/>'
        '<circle class="kpi-spark__point" cx="3.0" cy="29.0" r="2.5" fill="#9e9e9e"/></svg></p>',
    ]
    assert [html_problem(text) for text in kept] == [None] * len(kept)
    assert page_memo_problem(remembered_page()) is None
    assert (
        search_entries_problem([{"location": "kpis/cpl/#formula", "title": "計算方法", "text": "<p>a</p>"}])
        is None
    )


@pytest.mark.parametrize(
    ("category", "case", "text"), REFUSED_HTML, ids=[f"{c}: {n}" for c, n, _ in REFUSED_HTML]
)
def test_markup_the_conversion_never_writes_is_refused(category: str, case: str, text: str) -> None:
    assert html_problem(text) is not None


REFUSED_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("script in the content", remembered_page(content=f"<p>a</p>{PAYLOAD}")),
    ("script in the title", remembered_page(title=f"KPI{PAYLOAD}")),
    (
        "script in a contents title",
        remembered_page(toc=[{"title": PAYLOAD, "id": "k", "level": 2, "children": []}]),
    ),
    ("an id leaving its attribute", remembered_page(toc=[{"title": "K", "id": 'k" onfocus="x', "level": 2}])),
    ("an anchor leaving its attribute", remembered_page(anchors=['k"><script>alert(1)</script>'])),
    ("content that is not text", remembered_page(content=["<p>a</p>"])),
]


@pytest.mark.parametrize(("case", "page"), REFUSED_PAGES, ids=[case for case, _ in REFUSED_PAGES])
def test_a_remembered_page_with_markup_anywhere_is_refused(case: str, page: dict[str, Any]) -> None:
    assert page_memo_problem(page) is not None


@pytest.mark.parametrize(
    "entry",
    [
        {"location": "javascript:alert(1)", "title": "a", "text": ""},
        {"location": "kpis/cpl/", "title": PAYLOAD, "text": ""},
        {"location": "kpis/cpl/", "title": "a", "text": f"<p>{PAYLOAD}</p>"},
        {"location": "kpis/cpl/", "title": "a", "text": ["<p>a</p>"]},
    ],
    ids=["location javascript:", "title", "text", "text not text"],
)
def test_a_remembered_search_entry_with_markup_is_refused(entry: dict[str, Any]) -> None:
    assert search_entries_problem([entry]) is not None


def tamper(folder: Path, change: Callable[[Any], Any]) -> int:
    paths = sorted(folder.glob("*.json"))
    for path in paths:
        path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    return len(paths)


@pytest.mark.slow
def test_a_tampered_memo_never_reaches_the_site(
    make_project: Callable[[str], Path], built_site: Path
) -> None:
    project = make_project("tampered_memo")
    cache = project / ".cache"  # shared with the other copies: the rebuild below mends every entry
    pages = tamper(cache / "pages", lambda page: {**page, "content": page["content"] + PAYLOAD})
    searches = tamper(cache / "search", lambda entries: [{**e, "text": e["text"] + PAYLOAD} for e in entries])
    assert pages > 50 and searches > 50
    assert run_build(Workspace(project), project / "site") == 0
    assert site_digest(project / "site") == site_digest(built_site)  # converted again, the same bytes
    for kind in ("pages", "search"):
        assert not any(PAYLOAD in p.read_text(encoding="utf-8") for p in (cache / kind).glob("*.json"))
