"""Property-based fuzzing: any input loads or yields located issues; no other exception, no RecursionError.

Examples are bounded and derandomized so the run takes seconds and a failure reproduces in CI.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loading.catalogue import load_catalogue
from generator.loading.safe_yaml import YamlProblem, parse_yaml
from generator.model.expressions import ExpressionError, evaluate, parse_arithmetic, parse_filter
from generator.rules import RULE_CRASHED, run_rules

from .kit import MINIMAL

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces YAML gives meaning to, so random text often reaches the composer rather than only the reader.
_YAML_PIECES = [
    "a", "id", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ", "!t ", "<<: ", "? ",
    "|", ">", "'", '"', "#", "---", "...", ".nan", ".inf", "1e400", "9" * 50, "~", "null", "\t", "\\e", "%",
]  # fmt: skip
_EXPRESSION_PIECES = [
    "(", ")", "not ", "- ", "+", "*", "/", " and ", " or ", " = ", "<>", "'", "a", "b", "1", "0", "0.0",
    " in ", " between ", " is null", "case when ", " end", "select ", ";", ".", "1e400", "::int", "lower(",
    ",", " ", "--", "~", "[", "]", "$1", "9" * 30,
]  # fmt: skip


def _joined(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def _nested(core: str) -> st.SearchStrategy[str]:
    """Deep nesting of every kind the parsers recurse on, 0–200 levels."""
    return st.builds(
        lambda n, kind: {
            "paren": "(" * n + core + ")" * n,
            "not": "not " * n + core,
            "minus": "- " * n + core,
            "case": "case when " * n + core,
            "flow": "[" * n + "]" * n,
            "block": "".join("  " * i + f"k{i}:\n" for i in range(n)) + "  " * n + "v: 1\n",
        }[kind],
        st.integers(min_value=0, max_value=200),
        st.sampled_from(["paren", "not", "minus", "case", "flow", "block"]),
    )


_YAML_TEXT = st.one_of(_joined(_YAML_PIECES, 60), st.text(max_size=300), _nested("a"))
_EXPRESSION_TEXT = st.one_of(_joined(_EXPRESSION_PIECES, 80), st.text(max_size=200), _nested("a"))


@FUZZ
@given(st.one_of(st.binary(max_size=300), _YAML_TEXT.map(lambda text: text.encode("utf-8"))))
def test_yaml_loader_loads_or_locates_the_problem(raw: bytes) -> None:
    try:
        document = parse_yaml(raw)
    except YamlProblem as problem:
        assert problem.position.line >= 1 and problem.position.col >= 1
        assert problem.message_en and problem.message_ja
        return
    assert all(p.line >= 1 and p.col >= 1 for p in document.positions.values())


@dataclass(frozen=True)
class _OneFileTree:
    """An in-memory project holding a single KPI file (the required files are reported missing)."""

    raw: bytes

    @property
    def label(self) -> str:
        return "fuzz"

    def glob(self, pattern: str) -> list[str]:
        return ["metrics/fuzz.yml"] if pattern == "metrics/*.yml" else []

    def read_bytes(self, path: str) -> bytes:
        return self.raw

    def exists(self, path: str) -> bool:
        return False


@FUZZ
@given(_YAML_TEXT.map(lambda text: ("id: fuzz\n" + text).encode("utf-8")))
def test_catalogue_turns_any_kpi_file_into_located_issues(raw: bytes) -> None:
    loaded = load_catalogue(_OneFileTree(raw))
    for issue in loaded.issues:
        assert issue.location.line >= 1 and issue.location.col >= 1, issue
        assert len(issue.message_en) < 2000, issue.message_en[:200]


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.sampled_from(
        [".nan", ".inf", "-.inf", ".NaN", "1e400", "-1e400", "9" * 5000, "0x" + "f" * 40, "1_000"]
    ),
)
_TEMPLATE = (MINIMAL / "metrics" / "mql_to_sql_rate.yml").read_text(encoding="utf-8")


@settings(FUZZ, max_examples=40)
@given(target=_NUMBERS, on_track=_NUMBERS, bound=_NUMBERS)
def test_any_number_in_a_kpi_loads_or_is_located_and_no_rule_crashes(
    target: str, on_track: str, bound: str
) -> None:
    text = (
        _TEMPLATE.replace("  - value: 0.2\n", f"  - value: {target}\n")
        .replace("  on_track: 0.2\n", f"  on_track: {on_track}\n")
        .replace("{check: between, min: 0, max: 1}", f"{{check: between, min: 0, max: {bound}}}")
    )
    loaded = load_catalogue(_OneFileTree(text.encode("utf-8")))
    assert all(
        issue.location.line > 1 for issue in loaded.issues if issue.location.file == "metrics/fuzz.yml"
    )
    codes = {issue.code for issue in run_rules(loaded.project)}
    assert RULE_CRASHED not in codes


@FUZZ
@given(_EXPRESSION_TEXT)
def test_filter_checker_accepts_or_refuses_never_crashes(text: str) -> None:
    try:
        parsed = parse_filter(text)
    except ExpressionError as error:
        assert error.message_en and error.message_ja
        assert len(error.message_en) < 400
        return
    assert parsed.tree.sql()  # the engine turns it into SQL: that walk must not recurse too deep either


@FUZZ
@given(_EXPRESSION_TEXT, st.sampled_from([0.0, 1.0, -2.5, 1e15]))
def test_arithmetic_checker_accepts_or_refuses_and_evaluates_finitely(text: str, value: float) -> None:
    try:
        arithmetic = parse_arithmetic(text)
    except ExpressionError as error:
        assert error.message_en and error.message_ja
        assert len(error.message_en) < 400
        return
    result = evaluate(arithmetic, dict.fromkeys(arithmetic.names, value))
    assert result is None or math.isfinite(result)
