"""Text from definitions is data: escaped for HTML, inert for Markdown."""

from __future__ import annotations

import markdown
from markupsafe import Markup

from generator.render.environment import environment
from generator.render.text import md_link, md_text


def to_html(text: str) -> str:
    return str(markdown.markdown(text, extensions=["attr_list", "tables"]))


def test_script_tags_are_escaped() -> None:
    assert md_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>" not in to_html(str(md_text("<script>alert(1)</script>")))


def test_markdown_links_images_and_attributes_stay_text() -> None:
    html = to_html(f"本文 {md_text('[押して](javascript:alert(1)) ![x](y.png) {: onclick=x}')}")
    assert "<a " not in html
    assert "<img" not in html
    assert "onclick" not in html.replace("onclick=x", "")  # only as visible text
    assert "[押して](javascript:alert(1))" in html.replace("&#91;", "[").replace("&#93;", "]")


def test_table_cells_keep_their_shape() -> None:
    cell = md_text("A | B\n次の行")
    html = to_html(f"| h |\n|---|\n| {cell} |")
    assert html.count("<td>") == 1
    assert "A &#124; B<br>次の行" in html


def test_leading_list_markers_and_headings_are_neutralised() -> None:
    assert md_text("- 箇条書きではない") == "&#45; 箇条書きではない"
    assert md_text("1. 番号付きではない") == "1&#46; 番号付きではない"
    assert md_text("# 見出しではない") == "&#35; 見出しではない"
    assert md_text("12.5%") == "12.5%"


def test_trusted_markup_passes_unchanged() -> None:
    assert md_text(Markup("<b>ok</b>")) == "<b>ok</b>"
    assert md_link("A[1]", "kpis/a.md") == "[A&#91;1&#93;](kpis/a.md)"


def test_templates_escape_every_value() -> None:
    template = environment().from_string("{{ value }} / {{ items | join('、') }} / {{ missing }}")
    out = template.render(value="<i>x</i>", items=["[a]", "b|c"], missing=None)
    assert out == "&lt;i&gt;x&lt;/i&gt; / &#91;a&#93;、b&#124;c / —"


def test_signed_numbers_stay_plain() -> None:
    assert md_text("+5.0pt") == "+5.0pt"
    assert md_text("-20件") == "-20件"
    assert md_text("+ 箇条書きではない") == "&#43; 箇条書きではない"
    assert md_text("* 箇条書きではない") == "&#42; 箇条書きではない"
    assert md_text("*強調*") == "*強調*"  # emphasis is harmless and stays


def test_the_vega_bundle_goes_where_charts_js_expects_it() -> None:
    from generator.render import charts
    from generator.site.assets import VEGA_BUNDLE_PATH

    assert VEGA_BUNDLE_PATH == charts.VEGA_BUNDLE


def test_a_description_edit_keeps_the_chart_key_and_a_threshold_edit_changes_it() -> None:
    from pathlib import Path

    from render_fakes import fake_measurements

    REPO = Path(__file__).resolve().parents[2]

    from generator.loading.catalogue import load_catalogue
    from generator.loading.source_tree import DirectoryTree
    from generator.render.chart_slots import kpi_jobs

    project = load_catalogue(DirectoryTree(REPO)).project
    loaded = project.kpi("mql_to_sql_rate")
    assert loaded is not None
    kpi = loaded.spec
    measured = fake_measurements(project)
    measurement = measured.kpis[kpi.id]
    as_of = measured.as_of
    key = kpi_jobs(kpi, measurement, as_of, 0)[0].key
    described = kpi.model_copy(update={"description": "別の説明"})
    rethresholded = kpi.model_copy(update={"thresholds": None})
    assert kpi_jobs(described, measurement, as_of, 0)[0].key == key
    assert kpi_jobs(rethresholded, measurement, as_of, 0)[0].key != key
