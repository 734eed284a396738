"""The rule set as a whole: stable codes, one file per rule, a test per rule, crashes contained."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.model.issue import Issue, Location
from generator.model.project import Project
from generator.rules import DEFAULT_RULES, RULE_CRASHED, run_rules
from generator.rules.base import Rule
from generator.rules.kpi003_missing_data_checks import MissingDataChecks

from .conftest import Sandbox

HERE = Path(__file__).parent


def test_codes_are_unique_and_stable_in_form() -> None:
    codes = [rule.code for rule in DEFAULT_RULES]
    assert len(codes) == len(set(codes)) == 50
    assert all(re.fullmatch(r"[A-Z]{2,4}\d{3}", code) for code in codes)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name) for rule in DEFAULT_RULES)


def test_each_rule_lives_in_a_file_named_by_its_code_and_has_a_test() -> None:
    for rule in DEFAULT_RULES:
        module = sys.modules[type(rule).__module__].__name__.rsplit(".", 1)[1]
        assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"
        assert (HERE / f"test_{module}.py").is_file(), f"no test for {rule.code}"


JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龠]")


def test_each_rule_has_a_japanese_title_and_summary_of_its_own() -> None:
    # The rules page is Japanese first: each rule class says in Japanese what it asks for.
    for rule in DEFAULT_RULES:
        title, summary = vars(type(rule)).get("title_ja"), vars(type(rule)).get("summary_ja")
        assert isinstance(title, str) and JAPANESE.search(title) and len(title) <= 20, rule.code
        assert isinstance(summary, str) and JAPANESE.search(summary) and summary.endswith("。"), rule.code
    titles = [rule.title_ja for rule in DEFAULT_RULES]
    assert len(titles) == len(set(titles))


def test_each_rule_documents_a_bad_and_a_good_example() -> None:
    for rule in DEFAULT_RULES:
        doc = type(rule).__doc__ or ""
        assert "Bad" in doc and "Good" in doc, rule.code


def test_the_minimal_project_is_clean_under_every_rule(sandbox: Sandbox) -> None:
    loaded = sandbox.load()
    assert loaded.issues == ()
    assert run_rules(loaded.project) == []


class _Crashes(Rule):
    """Bad/Good: none (a test double)."""

    code = "TST001"
    name = "crashes"

    def check(self, project: Project) -> Iterable[Issue]:
        yield self.issue(Location("metrics/x.yml", 3, 1), "前", "before")
        raise KeyError("boom")


def test_a_crashing_rule_becomes_one_issue_and_the_others_still_run(sandbox: Sandbox) -> None:
    sandbox.edit(
        "metrics/mql_count.yml", "  - {check: no_missing_periods}\n  - {check: minimum_volume, min: 10}\n", ""
    )
    sandbox.edit("metrics/mql_count.yml", "checks:\n", "checks: []\n")
    issues = run_rules(sandbox.load().project, rules=(_Crashes(), MissingDataChecks()))
    assert [(str(i.location), i.code) for i in issues] == [
        ("<rule TST001>:1:1", RULE_CRASHED),
        ("metrics/mql_count.yml:30:9", "KPI003"),
    ]
    assert "TST001 (crashes) crashed (KeyError: 'boom')" in issues[0].message_en
