"""Chart HTML read back from ``.cache/charts/`` is checked before it reaches a page: it is data, not markup.

Anyone who can write the cache (a CI cache shared between branches, a copied checkout) could
otherwise put script into every page that shows a chart. An entry is used only when it is exactly
what :func:`generator.render.charts.chart_block` writes — the figure ``<div>`` with an escaped label
and an escaped, canonical Vega-Lite spec around one static SVG — and the SVG holds nothing but the
drawing elements and attributes Vega's SVG renderer emits. Anything else is a miss: the chart is
drawn again and the entry replaced.

The SVG is parsed as XML with no DOCTYPE (so no entity can be declared, let alone expanded), no
comments, CDATA or processing instructions, and no prefixed names, so an HTML parser reading the
same text inside a page sees the same elements and attributes as this check.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from xml.parsers import expat

NAMESPACE_DECLARATIONS = {
    "xmlns": "http://www.w3.org/2000/svg",
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
}
XLINK_HREF = "xlink:href"
MAX_ENTRY_CHARS = 4_000_000  # the largest sample chart is ~60 kB; a cache entry is never this big
# What Vega's SVG renderer writes (vl-convert 1.9: marks, axes, legends, gradients, clipping).
ELEMENTS = frozenset(
    {"svg", "g", "path", "line", "rect", "circle", "ellipse", "polyline", "polygon", "text", "tspan"}
    | {"defs", "linearGradient", "radialGradient", "stop", "clipPath"}
)
ATTRIBUTES = frozenset(
    {"class", "id", "role", "aria-label", "aria-roledescription", "aria-hidden", "version", "viewBox"}
    | {"width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy"}
    | {"d", "points", "transform", "display", "opacity", "pointer-events", "clip-path", "offset"}
    | {"fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray"}
    | {"stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit"}
    | {"stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "fx", "fy"}
    | {"font-family", "font-size", "font-style", "font-weight", "font-variant", "text-anchor"}
    | {"href", XLINK_HREF}
)
# Keys of a spec that make Vega fetch or link something; the charts never use them.
SPEC_KEYS_REFUSED = frozenset({"href", "url", "image"})
_WRAPPER = re.compile(
    r'<div class="kpi-chart" role="img" aria-label="(?P<label>[^"<>]*)" data-search-exclude="true" '
    r'data-spec="(?P<spec>[^"<>]*)"><div class="kpi-chart__static">(?P<svg><svg .*</svg>)</div></div>',
    re.DOTALL,
)
_MARKUP_DECLARATION = re.compile(r"<[!?]")  # <!DOCTYPE, <!ENTITY, <!--, <![CDATA[, <?xml …
_PREFIXED_NAME = re.compile(r"</?[^\s>/=]*:")
_URL_REFERENCE = re.compile(r"url\(\s*#[A-Za-z0-9_.:-]*\s*\)")


def trusted_chart_html(entry: str) -> str | None:
    """``entry`` if it is a chart block as the renderer writes it, with a safe SVG; else ``None``."""
    if entry == "":  # a chart with nothing to show (every segment suppressed)
        return entry
    if len(entry) > MAX_ENTRY_CHARS:
        return None
    match = _WRAPPER.fullmatch(entry)
    if match is None or svg_problem(match.group("svg")) is not None:
        return None
    label = html.unescape(match.group("label"))
    spec = _spec(html.unescape(match.group("spec")))
    if spec is None or _refused_key(spec) is not None:
        return None
    rebuilt = (
        f'<div class="kpi-chart" role="img" aria-label="{html.escape(label, quote=True)}" '
        f'data-search-exclude="true" data-spec="{html.escape(canonical_json(spec), quote=True)}">'
        f'<div class="kpi-chart__static">{match.group("svg")}</div></div>'
    )
    return entry if rebuilt == entry else None


def svg_problem(svg: str) -> str | None:
    """Why ``svg`` may not go into a page (``None`` when it may): the first element or attribute refused."""
    if _MARKUP_DECLARATION.search(svg):
        return "DOCTYPE, entity, comment, CDATA or processing instruction"
    if _PREFIXED_NAME.search(svg):
        return "a prefixed element name"
    # expat without namespace processing: names arrive as written, xmlns declarations as attributes.
    parser = expat.ParserCreate()
    problems: list[str] = []

    seen_root: list[bool] = []

    def start_element(name: str, attributes: dict[str, str]) -> None:
        problem = _element_problem(name, attributes, is_root=not seen_root)
        seen_root.append(True)
        if problem is not None:
            problems.append(problem)
            raise _Refused

    parser.StartElementHandler = start_element
    try:
        parser.Parse(svg, True)
    except _Refused:
        return problems[0]
    except expat.ExpatError as error:
        return f"not well-formed XML: {error}"
    return None


class _Refused(Exception):
    """Stops parsing at the first refused element or attribute."""


def _element_problem(name: str, attributes: dict[str, str], *, is_root: bool) -> str | None:
    if name not in ELEMENTS or (is_root and name != "svg"):
        return f"element {name}"
    for attribute, value in attributes.items():
        if attribute in NAMESPACE_DECLARATIONS:
            if not is_root or value != NAMESPACE_DECLARATIONS[attribute]:
                return f"{name}: {attribute}={value!r}"
            continue
        problem = _attribute_problem(attribute, value)
        if problem is not None:
            return f"{name}: {problem}"
    return None


def _attribute_problem(attribute: str, value: str) -> str | None:
    if attribute not in ATTRIBUTES:
        return f"attribute {attribute}"
    if attribute in ("href", XLINK_HREF) and not value.startswith("#"):
        return f"{attribute} to {value!r} (only #… references stay in the chart)"
    if "url(" in value.lower() and _URL_REFERENCE.sub("", value).lower().count("url(") > 0:
        return f"{attribute}={value!r} (only url(#…) references stay in the chart)"
    if ":" in value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
        return f"{attribute}={value!r}"
    return None


def canonical_json(spec: dict[str, Any]) -> str:
    """The bytes :func:`generator.render.charts.canonical_json` writes (that module loads vl-convert)."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _spec(text: str) -> dict[str, Any] | None:
    try:
        spec = json.loads(text)
    except ValueError:
        return None
    return spec if isinstance(spec, dict) else None


def _refused_key(value: object) -> str | None:
    """The first key anywhere in the spec that would make Vega fetch or link something."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SPEC_KEYS_REFUSED:
                return str(key)
            found = _refused_key(item)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _refused_key(item)
            if found is not None:
                return found
    return None
