"""The hostile-input corpus: every case is refused with exit 1, a file:line, no traceback, short output.

Categories: YAML inputs (``yaml/``), numbers (``numbers/``), expressions (``expressions.txt``), file-system
oddities (made in tmp dirs here) and output escaping (``test_output_escaping.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .kit import HOSTILE, assert_refused_well, expectation, kpi_check, sandbox

YAML_CASES = sorted((HOSTILE / "yaml").glob("*.yml"))
NUMBER_CASES = sorted((HOSTILE / "numbers").glob("*.yml"))
SLA = "definitions/sla/standard_sla.yml"
FILTER_SITE = (SLA, '      filter: "mql_at is not null"\n', "      filter: {}\n", f"{SLA}:19")
DERIVED_SITE = (
    "metrics/avg_deal_size.yml",
    "  expression: revenue / deals_won\n",
    "  expression: {}\n",
    "metrics/avg_deal_size.yml:11",
)


def _expressions() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in (HOSTILE / "expressions.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            where, text = line.split("\t")
            rows.extend((site, text) for site in ("filter", "derived") if where in (site, "both"))
    rows.append(("filter", "channel = '" + "x" * 100_000 + "'"))  # 100 kB: echoed as 80 chars + "…"
    return rows


def _place_corpus_file(tmp_path: Path, case: Path) -> tuple[Path, str]:
    code, line, path = expectation(case.read_bytes().decode("utf-8", errors="replace"))
    project = sandbox(tmp_path)
    (project / path).write_bytes(case.read_bytes())
    return project, f"{path}:{line}"


@pytest.mark.parametrize("case", YAML_CASES, ids=lambda p: p.stem)
def test_hostile_yaml_is_refused_with_a_location(tmp_path: Path, case: Path) -> None:
    project, where = _place_corpus_file(tmp_path, case)
    code = expectation(case.read_bytes().decode("utf-8", errors="replace"))[0]
    assert_refused_well(kpi_check(project), code, where)


@pytest.mark.parametrize("case", NUMBER_CASES, ids=lambda p: p.stem)
def test_hostile_number_is_refused_with_a_location(tmp_path: Path, case: Path) -> None:
    project, where = _place_corpus_file(tmp_path, case)
    code = expectation(case.read_text(encoding="utf-8"))[0]
    assert_refused_well(kpi_check(project), code, where)


@pytest.mark.parametrize(
    ("site", "text"), _expressions(), ids=lambda value: value[:24] if isinstance(value, str) else None
)
def test_hostile_expression_is_refused_with_a_location(tmp_path: Path, site: str, text: str) -> None:
    file, old, new, where = FILTER_SITE if site == "filter" else DERIVED_SITE
    project = sandbox(tmp_path)
    original = (project / file).read_text(encoding="utf-8")
    assert original.count(old) == 1
    # A JSON string is a valid YAML double-quoted scalar: the text arrives exactly as written.
    (project / file).write_text(original.replace(old, new.format(json.dumps(text))), encoding="utf-8")
    checked = kpi_check(project)
    assert_refused_well(checked, "FLT001", where)
    assert "RecursionError" not in checked.output


def test_a_100_kb_filter_is_echoed_as_its_first_80_characters(tmp_path: Path) -> None:
    file, old, new, _ = FILTER_SITE
    project = sandbox(tmp_path)
    text = "channel = '" + "x" * 100_000 + "'"
    original = (project / file).read_text(encoding="utf-8")
    (project / file).write_text(original.replace(old, new.format(json.dumps(text))), encoding="utf-8")
    line = next(line for line in kpi_check(project).output.splitlines() if " FLT001 " in line)
    assert f"filter '{text[:80]}…': expression too long (500 chars max)" in line


def test_division_by_zero_in_a_derived_formula_names_the_denominator(tmp_path: Path) -> None:
    file, old, new, where = DERIVED_SITE
    project = sandbox(tmp_path)
    original = (project / file).read_text(encoding="utf-8")
    (project / file).write_text(original.replace(old, new.format('"revenue / (2 - 2)"')), encoding="utf-8")
    checked = kpi_check(project)
    assert checked.locations("FLT001") == [where]
    assert "division by zero (the denominator '(2 - 2)' is always 0)" in checked.output


def test_the_untouched_sandbox_is_clean(tmp_path: Path) -> None:
    checked = kpi_check(sandbox(tmp_path))
    assert (checked.exit_code, checked.output.splitlines()[0][:8]) == (0, "all good"), checked.output
