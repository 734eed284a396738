"""Generated Markdown for each page kind, from the shipped catalogue and hand-made measurements."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from render_fakes import fake_checks, fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.checklist import Checklist
from generator.model.project import Project
from generator.render.inputs import Change, KpiSnapshot, PreviousBuild, RuleDoc, SiteInputs
from generator.render.pages.checklists import progress_of, render_checklists
from generator.render.pages.home import render_home
from generator.render.pages.kpi import render_kpi_page
from generator.render.pages.quality import render_quality
from generator.render.pages.reference import render_data_model, render_glossary, render_rules, rule_blocks
from generator.render.pages.tree import render_tree
from generator.render.site_pages import navigation
from generator.site.rule_docs import default_rule_docs

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_catalogue(DirectoryTree(REPO)).project


@pytest.fixture(scope="module")
def inputs(project: Project) -> SiteInputs:
    return SiteInputs(project, fake_measurements(project), fake_checks(project))


def kpi_spec(project: Project, kpi_id: str):  # type: ignore[no-untyped-def]
    loaded = project.kpi(kpi_id)
    assert loaded is not None
    return loaded.spec


def test_kpi_page_shows_formula_segments_reviews_and_history(project: Project, inputs: SiteInputs) -> None:
    history = {"mql_to_sql_rate": (Change("abc1234", "田中 由美", "2026-09-05", "閾値を見直した"),)}
    page = render_kpi_page(kpi_spec(project, "mql_to_sql_rate"), dataclasses.replace(inputs, history=history))
    assert (
        "MQL→SQL転換率 = (その月にMQL になったリードのうち90日以内にSQL になった数)"
        " ÷ (その月にMQL になったリード数)" in page
    )
    # A hidden segment does not say whether it is under k or hidden with one; the note says both.
    assert "| 紹介 | —(非表示) | — |" in page
    assert "非表示の区分は、5件未満の区分と、合計からの差し引きでその値が求められないよう" in page
    assert "| ウェビナー | 14.0% | 120 |" in page
    assert "| 2026-09-05 | 田中 由美 | 閾値を見直した | abc1234 |" in page
    assert "⏳ 対応中" in page  # due on the as-of date: not yet overdue
    assert '<div class="kpi-chart"' in page
    assert "measure:" not in page


def test_home_lists_overdue_actions_and_failing_checks(project: Project, inputs: SiteInputs) -> None:
    later = dataclasses.replace(inputs.measurements, as_of=dt.date(2026, 10, 15))
    page = render_home(dataclasses.replace(inputs, measurements=later))
    assert "| [MQL→SQL転換率](kpis/mql_to_sql_rate.md#reviews) |" in page
    assert "| 2026年9月30日 | 15日 |" in page
    assert "1 / " in page and "件のチェックが不合格です" in page
    assert "前回のビルド結果がなく、git の定義の変更履歴もないため比較できません" in page
    assert (
        "**[マーケティング由来売上](kpis/marketing_sourced_revenue.md)** "
        '<span class="kpi-card__status">' in page
    )
    assert "値が確定した最新の期間: 2026年9月 " in page
    # As of 2026-10-15 the July to September MQL cohorts are inside their 90-day window: June is judged.
    # Their last members have waited 76, 45 and 15 days of 90: 84%, 50%, 17%. (The table is indented
    # inside the collapsible block under the cards.)
    assert (
        "    | [MQL→SQL転換率](kpis/mql_to_sql_rate.md) | 🟢 順調 | 20.0%(2026年6月)(判定しない期間: "
        "2026年9月 成熟中(転換期間の 17% 経過): 11.0%、2026年8月 成熟中(転換期間の 50% 経過): 10.0%、"
        "2026年7月 成熟中(転換期間の 84% 経過): 21.0%) | +1.0pt(2026年5月: 19.0%) | — "
        "| 20.0% 以上 | 20.0% 以上(2027年3月31日) |" in page
    )


def test_home_compares_with_the_previous_build(project: Project, inputs: SiteInputs) -> None:
    # The board compares the judged period: 2026-06 (20%), the latest MQL cohort whose 90-day window
    # has closed by 2026-09-30; July to September (21%, 10%, 11%) are still maturing.
    assert [p.value for p in inputs.measurements.kpis["mql_to_sql_rate"].series][2] == 0.2
    previous = PreviousBuild(
        as_of=dt.date(2026, 8, 31),
        kpis={
            "mql_to_sql_rate": KpiSnapshot("2026-05", 0.15, "off_track"),
            "retired_kpi": KpiSnapshot("2026-08", 1.0, "on_track"),
        },
        failed_checks=("table:leads:unique:lead_id",),
    )
    page = render_home(dataclasses.replace(inputs, previous=previous))
    assert "前回のデータ基準日: 2026年8月31日" in page
    assert "| [MQL→SQL転換率](kpis/mql_to_sql_rate.md) | 15.0% | 20.0% | +5.0pt | 🔴 未達 → 🟢 順調 |" in page
    assert "削除された KPI: retired_kpi" in page
    # Checks are named in words (table:leads:freshness:created_at, table:leads:unique:lead_id).
    assert "新たに不合格になったデータチェック: リードのリード獲得日時が新しい" in page
    assert "合格に戻ったデータチェック: リードのリードIDに重複がない" in page


def test_checklist_progress_counts_done_over_applicable() -> None:
    checklist = Checklist.model_validate(
        {
            "id": "demo",
            "name": "デモ",
            "name_en": "Demo",
            "description": "説明",
            "items": [
                {"id": f"item_{state}", "text": "項目", "owner": "marketing", "state": state}
                for state in ("done", "done", "in_progress", "not_started", "not_applicable")
            ],
        }
    )
    progress = progress_of(checklist)
    assert (progress.done, progress.applicable) == (2, 4)


def test_checklist_evidence_links_to_the_page_that_proves_it(inputs: SiteInputs) -> None:
    page = render_checklists(inputs)
    # An SLA clause is named in words (standard_sla.mql.criteria), not by its path.
    assert "[SLA: MQL/SQL 標準SLA(MQL の定義の条件)](sla/standard_sla.md#mql)" in page
    assert "(glossary.md#term-mql)" in page
    # data_check evidence: a declared table check links to its own row on the quality page
    quality_row = "(quality.md#check-table-leads-unique-lead_id)"
    assert f"[データチェック: リードのリードIDに重複がない]{quality_row}" in page
    assert "[テーブル: 引き渡し(handoffs)](data-model.md#table-handoffs)" in page


def _tree_diagram(page: str) -> ET.Element:
    """The diagram's raw HTML block (one line), parsed: the tests read its structure, not its text."""
    line = next(line for line in page.splitlines() if line.startswith('<div class="kpi-tree">'))
    return ET.fromstring(line)


def _card_of(diagram: ET.Element, kpi_id: str) -> ET.Element:
    return next(
        card
        for card in diagram.iter("div")
        if "kpi-tree__card" in card.get("class", "")
        and any(a.get("href") == f"../kpis/{kpi_id}/" for a in card.iter("a"))
    )


def _item_of(diagram: ET.Element, kpi_id: str) -> ET.Element:
    """The list item whose own card (its first child) is the KPI's."""
    card = _card_of(diagram, kpi_id)
    return next(li for li in diagram.iter("li") if len(li) and li[0] is card)


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_tree_decomposes_the_kgi(inputs: SiteInputs) -> None:
    page = render_tree(inputs)
    plan = page[page.index('<details class="kpi-tree__plan">') :]
    kgi = plan[: plan.index("</div>", plan.index("marketing_sourced_revenue"))]
    # The KGI's card says how its children make it up, and each child carries its operator.
    assert '↓ <span class="kpi-tree__symbol">×</span> 掛け算' in kgi
    assert "必要(逆算) 100件" in plan  # deals won: ¥500,000,000 ÷ ¥5,000,000
    assert "直近12か月" in plan and "見込み" in plan
    assert (
        '目標 <span class="kpi-amount" title="¥500,000,000">5億円</span> 以上(年度)' in page
    )  # the KGI's target as written, not a month's share
    diagram = _tree_diagram(page)
    kgi_card = _card_of(diagram, "marketing_sourced_revenue")
    assert "2026年9月: 1,000万円 🔴 未達" in _text(kgi_card)  # the judged period, its value and status


def test_tree_labels_say_how_children_combine_never_equals(inputs: SiteInputs) -> None:
    page = render_tree(inputs)
    diagram = _tree_diagram(page)
    # Drivers are listed, not equated: 「CPL = CPA」 read as if the two were the same number.
    assert " = " not in page and "=" not in _text(diagram)
    labels = {
        kpi_id: "".join(
            _text(span)
            for span in _card_of(diagram, kpi_id).iter("span")
            if span.get("class") == "kpi-tree__combine"
        )
        for kpi_id in ("sql_count", "ltv_to_cac", "new_leads", "marketing_roi")
    }
    assert labels == {
        "sql_count": "↓ × 掛け算",
        "ltv_to_cac": "↓ ÷ 割り算",
        "new_leads": "↓ 寄与 ",
        "marketing_roi": "↓ 寄与 ",
    }
    # A ratio's children carry their roles; a product's children the × they are multiplied by.
    ops = {kpi_id: _text(_card_of(diagram, kpi_id)[0]) for kpi_id in ("ltv", "cac", "mql_count")}
    assert ops == {"ltv": "分子", "cac": "÷ 分母", "mql_count": "×"}
    assert (
        "子の組み合わせ方: × 掛け算、+ 足し算(内訳)、÷ 割り算、寄与 計算式ではなく、親を動かす要因"
        in _text(diagram)
    )


def test_tree_hangs_roi_ltv_cac_under_their_ksf_not_under_new_leads(inputs: SiteInputs) -> None:
    diagram = _tree_diagram(render_tree(inputs))
    lead_volume = next(li for li in diagram.iter("li") if li.get("id") == "ksf-lead_volume")
    roots = lead_volume.find("ul")
    assert roots is not None
    root_ids = [li[0].find("a").get("href") for li in roots]  # type: ignore[union-attr]
    assert "../kpis/marketing_roi/" in root_ids and "../kpis/new_leads/" in root_ids
    assert "KSF の直下" in _text(_card_of(diagram, "marketing_roi"))
    under_new_leads = {a.get("href") for a in _item_of(diagram, "new_leads").iter("a")}
    assert not {"../kpis/marketing_roi/", "../kpis/ltv/", "../kpis/cac/"} & under_new_leads
    under_roi = {a.get("href") for a in _item_of(diagram, "marketing_roi").iter("a")}
    assert {"../kpis/ltv_to_cac/", "../kpis/ltv/", "../kpis/cac/"} <= under_roi
    # Activity metrics are folded under their KPI (closed by default): CPA under CPL.
    cpl = _item_of(diagram, "cpl")
    folded = next(d for d in cpl.iter("details") if "kpi-tree__activities" in d.get("class", ""))
    assert folded.get("open") is None
    assert {a.get("href") for a in folded.iter("a")} == {"../kpis/cpa/"}


def test_tree_text_is_escaped_and_every_node_links(project: Project, inputs: SiteInputs) -> None:
    hostile = "<img src=x onerror=alert(1)>\n\n# 見出し"
    kpis = tuple(
        dataclasses.replace(k, spec=k.spec.model_copy(update={"name": hostile})) if k.spec.id == "cpl" else k
        for k in project.kpis
    )
    page = render_tree(dataclasses.replace(inputs, project=dataclasses.replace(project, kpis=kpis)))
    diagram_line = next(line for line in page.splitlines() if line.startswith('<div class="kpi-tree">'))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in diagram_line
    diagram = _tree_diagram(page)
    nodes = [
        d for d in diagram.iter("div") if d.get("class", "").startswith(("kpi-tree__card", "kpi-tree__ref"))
    ]
    links = [node.find("a") for node in nodes]
    assert all(link is not None and link.get("href") for link in links)
    cards = [
        str(link.get("href"))
        for link, node in zip(links, nodes, strict=True)
        if link is not None
        and node.get("class", "").startswith("kpi-tree__card kpi-tree__card--")
        and "--ksf" not in node.get("class", "")
    ]
    # Every KPI has its one card; the 4 KSFs link to their place; a driver shown in another KSF links too.
    assert sorted(cards) == sorted(f"../kpis/{k.spec.id}/" for k in project.kpis)
    assert len(nodes) == len(cards) + 4 + 4  # new_leads, sql_count, sla_compliance, target_industry_mql_share


def test_quality_page_has_a_coverage_matrix_and_anchors(inputs: SiteInputs) -> None:
    page = render_quality(inputs)
    assert '<span id="check-table-leads-freshness-created_at"></span>' in page
    leads_row = next(line for line in page.splitlines() if line.startswith("| [leads]"))
    assert "❌" in leads_row and "✅" in leads_row


def test_glossary_and_data_model(inputs: SiteInputs) -> None:
    glossary = render_glossary(inputs)
    assert "## MQL {#term-mql}" in glossary
    model = render_data_model(inputs)
    assert model.count("🔒 個人情報") == 4  # leads.name, email, company, phone


def test_glossary_is_in_gojuon_order_with_kana_sorted_together(inputs: SiteInputs) -> None:
    glossary = render_glossary(inputs)
    headings = re.findall(r"^## (.+?) \{#", glossary, flags=re.MULTILINE)
    # Readings アイエス, あらり, アールオーアイ (あああるおおあい), ウェビナー, …, へいきんじゅちゅうたんか:
    # hiragana and katakana interleave; code-point order put あらり and へいきん… before every katakana one.
    assert headings[:3] == ["ROI", "IS", "粗利"]
    assert headings.index("ウェビナー") < headings.index("平均受注単価")
    assert not re.search(r"^#{3,} ", glossary, flags=re.MULTILINE)  # h1 → h2: no level skipped
    assert "| | |" not in glossary  # every term's table has a header row with words in it


def test_rules_reference_shows_examples_as_code() -> None:
    blocks = rule_blocks("Bad::\n\n    checks: []\n\nGood::\n\n    checks:\n      - {check: not_null}\n")
    assert blocks == [
        ("text", "悪い例"),
        ("code", "checks: []"),
        ("text", "良い例"),
        ("code", "checks:\n  - {check: not_null}"),
    ]


def test_rules_page_renders_fenced_examples(inputs: SiteInputs) -> None:
    rules = (
        RuleDoc("KPI003", "missing-data-checks", "Every KPI declares ``checks``.", "Bad::\n\n    x: ```\n"),
    )
    page = render_rules(dataclasses.replace(inputs, rules=rules))
    assert "## KPI003 missing-data-checks {#rule-kpi003}" in page
    assert "Every KPI declares <code>checks</code>." in page
    assert "````yaml\nx: ```\n````" in page  # the fence outgrows backticks inside


def test_rules_page_is_japanese_and_english_with_lang_en(inputs: SiteInputs) -> None:
    japanese = render_rules(dataclasses.replace(inputs, rules=default_rule_docs()))
    assert "## KPI003 データチェックがある {#rule-kpi003}" in japanese
    assert "すべての KPI が計測値のデータチェックを宣言していること。" in japanese
    assert "悪い例" in japanese  # the examples stay the docstring's
    english = render_rules(dataclasses.replace(inputs, rules=default_rule_docs("en")))
    assert "## KPI003 missing-data-checks {#rule-kpi003}" in english
    assert "Every KPI declares data checks on its series" in english


def test_navigation_groups_kpis_by_stage(inputs: SiteInputs) -> None:
    nav = navigation(inputs, ("about.md",))
    assert nav[0] == {"ホーム": "index.md"}
    kpi_section = nav[2]["KPI"]  # type: ignore[index]
    assert kpi_section[0] == "kpis/index.md"
    assert nav[-1] == {
        "リファレンス": [
            {"変更履歴": "changes.md"},
            {"検証ルール": "rules.md"},
            {"データモデル": "data-model.md"},
            "about.md",
        ]
    }


def test_a_first_build_in_git_shows_the_newest_definition_commit(
    project: Project, inputs: SiteInputs
) -> None:
    # A fresh CI checkout has no previous build, but git knows what the last commit changed.
    from generator.model.change_log import ChangeLog, LoggedChange, LoggedCommit

    change = LoggedChange("kpi", "cpl", "target", "CPL の目標: ¥8,000以下 → ¥7,500以下", "CPL target")
    cosmetic = LoggedChange("glossary", "MQL", "cosmetic", "用語「MQL」の説明を変更", "MQL wording")
    log = ChangeLog(
        (LoggedCommit("abc1234", "2026-09-20", "CPL の目標を下げる", (change, cosmetic)),), 15, False
    )
    page = render_home(dataclasses.replace(inputs, change_log=log))
    assert "git の定義の変更のうち最新のコミットを示します(2026-09-20、abc1234「CPL の目標を下げる」)" in page
    assert "| 目標 | [cpl](kpis/cpl.md) | CPL の目標: ¥8,000以下 → ¥7,500以下 |" in page
    assert "| 表記 | 用語集 | 用語「MQL」の説明を変更 |" in page
    previous = PreviousBuild(as_of=dt.date(2026, 8, 31), kpis={})
    assert "最新のコミットを示します" not in render_home(
        dataclasses.replace(inputs, change_log=log, previous=previous)
    )


def test_the_funnel_names_the_stages_the_data_never_records(project: Project, inputs: SiteInputs) -> None:
    from generator.model.measurement import Funnel, FunnelStage
    from generator.render.pages.funnel import render_funnel

    funnel = Funnel(
        (FunnelStage("leads", 120, None), FunnelStage("mql", 30, 0.25)),
        unrecorded=("sql", "opportunity", "won"),
    )
    page = render_funnel(
        dataclasses.replace(inputs, measurements=dataclasses.replace(inputs.measurements, funnel=funnel))
    )
    assert (
        "SQL・商談・受注 の日時はデータに一件もないため、ファネルから外しています(0件・0% ではありません)"
        in page
    )
    assert "| SQL |" not in page


def test_the_funnel_cohort_table_names_its_months_in_words(project: Project, inputs: SiteInputs) -> None:
    from generator.render.pages.funnel import cohort_table

    table = cohort_table(inputs)
    # render_fakes measure April–September 2026; the table lists the newest cohort first.
    assert [label for label, _ in table.rows][:2] == ["2026年9月", "2026年8月"]
    assert [label for label, _ in table.rows][-1] == "2026年4月"
