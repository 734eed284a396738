"""A chart read back from ``.cache/charts/`` reaches a page only when it is a chart and nothing else."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from test_chart_store import trend_jobs

from generator.render.chart_slots import ChartJob, chart, fill_charts
from generator.render.charts import canonical_json
from generator.site.cache import ChartStore, StageCache
from generator.site.safe_svg import svg_problem, trusted_chart_html

PAYLOAD = '<img src=x onerror="alert(1)">'


@cache
def drawn_job() -> tuple[ChartJob, str]:
    (job,) = trend_jobs(1)
    return job, job.draw()


def drawn() -> str:
    return drawn_job()[1]


def with_svg(change: Callable[[str], str]) -> str:
    """The drawn chart with its SVG changed by ``change``."""
    entry = drawn()
    start, end = entry.index("<svg "), entry.rindex("</svg>") + len("</svg>")
    return entry[:start] + change(entry[start:end]) + entry[end:]


def inside(fragment: str) -> Callable[[str], str]:
    """Put ``fragment`` just inside the SVG's root element."""
    return lambda svg: svg.replace(">", ">" + fragment, 1)


def root_attribute(attribute: str) -> Callable[[str], str]:
    return lambda svg: svg.replace("<svg ", f"<svg {attribute} ", 1)


def with_spec(change: Callable[[dict[str, object]], dict[str, object]]) -> str:
    entry = drawn()
    head, rest = entry.split('data-spec="', 1)
    data, tail = rest.split('"', 1)
    spec = change(json.loads(html.unescape(data)))
    return f'{head}data-spec="{html.escape(canonical_json(spec), quote=True)}"{tail}'


# (category, case, cache entry) — each entry must be refused.
REFUSED: list[tuple[str, str, Callable[[], str]]] = [
    ("element", "script", lambda: with_svg(inside("<script>alert(1)</script>"))),
    ("element", "script, upper case", lambda: with_svg(inside("<SCRIPT>alert(1)</SCRIPT>"))),
    (
        "element",
        "foreignObject with HTML",
        lambda: with_svg(inside(f"<foreignObject>{PAYLOAD}</foreignObject>")),
    ),
    ("element", "HTML img (breaks out of SVG)", lambda: with_svg(inside(PAYLOAD.replace(">", "/>")))),
    ("element", "iframe", lambda: with_svg(inside('<iframe src="javascript:alert(1)"/>'))),
    ("element", "style", lambda: with_svg(inside("<style>*{background:url(//x)}</style>"))),
    ("element", "image", lambda: with_svg(inside('<image href="https://example.com/x.png"/>'))),
    ("element", "a link", lambda: with_svg(inside('<a href="javascript:alert(1)"><rect/></a>'))),
    ("element", "use", lambda: with_svg(inside('<use href="https://example.com/x.svg#a"/>'))),
    (
        "element",
        "animate of href",
        lambda: with_svg(inside('<animate attributeName="href" to="javascript:x"/>')),
    ),
    ("element", "set", lambda: with_svg(inside('<set attributeName="onmouseover" to="alert(1)"/>'))),
    (
        "element",
        "prefixed script",
        lambda: with_svg(inside(f'<s:script xmlns:s="{SVG}">alert(1)</s:script>')),
    ),
    ("element", "prefixed g", lambda: with_svg(inside(f'<s:g xmlns:s="{SVG}"/>'))),
    ("attribute", "onload on the root", lambda: with_svg(root_attribute('onload="alert(1)"'))),
    (
        "attribute",
        "onmouseover on a mark",
        lambda: with_svg(lambda s: s.replace("<path ", '<path onmouseover="x" ', 1)),
    ),
    ("attribute", "style", lambda: with_svg(root_attribute('style="background:url(//example.com)"'))),
    ("attribute", "href to javascript:", lambda: with_svg(inside('<g href="javascript:alert(1)"/>'))),
    ("attribute", "xlink:href to data:", lambda: with_svg(inside('<g xlink:href="data:text/html,x"/>'))),
    ("attribute", "fill with an outside url()", lambda: with_svg(inside('<rect fill="url(https://x/#a)"/>'))),
    (
        "attribute",
        "another xmlns",
        lambda: with_svg(lambda s: s.replace(SVG, "http://www.w3.org/1999/xhtml", 1)),
    ),
    ("attribute", "entity-encoded javascript:", lambda: with_svg(inside('<g href="&#106;avascript:x"/>'))),
    (
        "declaration",
        "DOCTYPE with an entity",
        lambda: with_svg(lambda s: f'<!DOCTYPE svg [<!ENTITY a "{"x" * 9}">]>{s}'),
    ),
    ("declaration", "undeclared entity", lambda: with_svg(inside("<text>&lol;</text>"))),
    ("declaration", "comment", lambda: with_svg(inside(f"<!-- --><!--{PAYLOAD}-->"))),
    ("declaration", "CDATA", lambda: with_svg(inside(f"<text><![CDATA[{PAYLOAD}]]></text>"))),
    ("declaration", "processing instruction", lambda: with_svg(lambda s: '<?xml-stylesheet href="x"?>' + s)),
    ("malformed", "unclosed element", lambda: with_svg(inside("<g>"))),
    ("malformed", "closing the wrapper early", lambda: with_svg(inside(f"</svg></div>{PAYLOAD}<svg>"))),
    ("wrapper", "script after the chart", lambda: drawn() + "<script>alert(1)</script>"),
    ("wrapper", "script before the chart", lambda: "<script>alert(1)</script>" + drawn()),
    (
        "wrapper",
        "an attribute added",
        lambda: drawn().replace('role="img"', 'role="img" onclick="x"', 1),
    ),
    (
        "wrapper",
        "a label breaking out",
        lambda: drawn().replace('aria-label="', f'aria-label="x">{PAYLOAD}<i a="', 1),
    ),
    ("wrapper", "any other HTML", lambda: f"<div>{PAYLOAD}</div>"),
    ("wrapper", "a script (the vega bundle's place)", lambda: "window.vegaEmbed = function () {};"),
    ("spec", "not JSON", lambda: drawn().replace('data-spec="{', 'data-spec="{{', 1)),
    (
        "spec",
        "a link on every mark",
        lambda: with_spec(lambda s: {**s, "encoding": {"href": {"value": "x"}}}),
    ),
    ("spec", "data from a URL", lambda: with_spec(lambda s: {**s, "data": {"url": "https://example.com/x"}})),
    ("spec", "not canonical (could hide a second attribute)", lambda: drawn().replace("&quot;", "&#34;", 1)),
]
SVG = "http://www.w3.org/2000/svg"


def test_a_drawn_chart_and_an_empty_one_are_kept_as_they_are() -> None:
    assert trusted_chart_html(drawn()) == drawn()
    assert trusted_chart_html("") == ""


@pytest.mark.parametrize(("category", "case", "entry"), REFUSED, ids=[f"{c}: {n}" for c, n, _ in REFUSED])
def test_an_entry_that_is_not_only_a_chart_is_refused(
    category: str, case: str, entry: Callable[[], str]
) -> None:
    assert trusted_chart_html(entry()) is None


def test_a_reference_inside_the_chart_is_kept() -> None:
    gradient = '<defs><linearGradient id="g1"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    svg = f'<svg xmlns="{SVG}" width="10" height="10">{gradient}<rect fill="url(#g1)" width="1"/></svg>'
    assert svg_problem(svg) is None
    assert svg_problem(svg.replace("url(#g1)", "url(#g1) url(//x)")) is not None


def test_a_tampered_cache_entry_is_drawn_again_and_never_reaches_a_page(tmp_path: Path) -> None:
    job, real = drawn_job()
    (tmp_path / "charts").mkdir()
    tampered = with_svg(inside(f"<foreignObject>{PAYLOAD}</foreignObject>"))
    (tmp_path / "charts" / f"{job.key}.html").write_text(tampered, encoding="utf-8")
    store = ChartStore(StageCache(tmp_path))
    page = f"<p>前</p>{chart(job, store)}"
    assert store.get(job.key) is None  # a miss: refused, not an error
    store.finish()  # draws what a page expects and the cache does not hold
    filled = fill_charts(page, store)
    assert filled == f"<p>前</p>{real}" and "onerror" not in filled
    assert (tmp_path / "charts" / f"{job.key}.html").read_text(encoding="utf-8") == real
    assert ChartStore(StageCache(tmp_path)).get(job.key) == real  # the next build reads it back
