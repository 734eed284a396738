"""The safe YAML reader: refuses what is unsafe, keeps positions, never raises anything but YamlProblem."""

from __future__ import annotations

import pytest

from generator.loading.safe_yaml import MAX_DEPTH, MAX_FILE_BYTES, YamlProblem, parse_yaml
from generator.model.positions import Position


def problem(raw: bytes) -> tuple[str, int, int]:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw)
    found = caught.value
    return found.code, found.position.line, found.position.col


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: x\nrun: !!python/object:os.system {}\n", (2, 6)),
        ("id: x\nrun: !!python/object/apply:os.system [ls]\n", (2, 6)),
        ("id: x\nblob: !!binary aGVsbG8=\n", (2, 7)),
        ("id: x\nitems: !!set {a, b}\n", (2, 8)),
        ("id: x\nthing: !custom value\n", (2, 8)),
    ],
)
def test_tags_are_refused_where_they_are(text: str, where: tuple[int, int]) -> None:
    assert problem(text.encode()) == ("YAML008", *where)


def test_standard_scalar_tags_are_plain_values() -> None:
    assert parse_yaml(b"a: !!str 123\n").data == {"a": "123"}


def test_alias_is_refused_at_the_alias() -> None:
    assert problem(b"base: &b {x: 1}\ncopy: *b\n") == ("YAML003", 2, 7)


def test_billion_laughs_is_refused_before_it_expands() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    assert problem(("\n".join(lines) + "\n").encode()) == ("YAML003", 2, 10)


def test_merge_key_is_refused() -> None:
    assert problem(b"a: 1\nb:\n  <<: {c: 1}\n") == ("YAML003", 3, 3)


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("id: x\nname: 一つ目\nowner: y\nname: 二つ目\n".encode())
    assert (caught.value.code, caught.value.position) == ("YAML004", Position(4, 1))
    assert "(also on line 2)" in caught.value.message_en
    assert "2 行目にもあります" in caught.value.message_ja


def test_duplicate_key_inside_a_flow_mapping() -> None:
    assert problem(b"tree: {level: kpi, level: kgi}\n") == ("YAML004", 1, 20)


def test_depth_cap() -> None:
    deep_enough = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    expected: list[object] = []
    for _ in range(MAX_DEPTH - 1):
        expected = [expected]
    assert parse_yaml(f"{deep_enough}\n".encode()).data == expected
    too_deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert problem(f"{too_deep}\n".encode()) == ("YAML007", 1, MAX_DEPTH + 1)
    # A mapping counts as a level too.
    assert problem(f"a: {deep_enough}\n".encode()) == ("YAML007", 1, 3 + MAX_DEPTH)


def test_size_cap() -> None:
    assert problem(b"a: " + b"x" * MAX_FILE_BYTES + b"\n") == ("YAML006", 1, 1)


def test_byte_order_mark_is_skipped_and_positions_stay_right() -> None:
    document = parse_yaml("\ufeffid: x\nname: 名前\n".encode())
    assert document.data == {"id": "x", "name": "名前"}
    assert document.positions[("name",)] == Position(2, 7)


def test_non_utf8_bytes_point_at_the_character() -> None:
    raw = "id: x\nname: 日本".encode() + "語".encode("shift_jis") + b"\n"
    code, line, col = problem(raw)
    assert (code, line, col) == ("YAML001", 2, 9)


def test_control_character() -> None:
    assert problem(b"id: x\nname: a\x00b\n") == ("YAML002", 2, 8)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert problem(text.encode()) == ("YAML005", 1, 1)


def test_syntax_error_points_at_the_second_colon() -> None:
    code, line, col = problem("id: x\nrationale: 逆算: SQL 100件\n".encode())
    assert (code, line, col) == ("YAML002", 2, 14)


def test_tab_indentation() -> None:
    assert problem(b"a:\n\tb: 1\n") == ("YAML002", 2, 1)


def test_positions_of_keys_items_and_nested_values() -> None:
    document = parse_yaml(b"# comment\nid: x\nchecks:\n  - {check: between, min: 0}\n  - check: not_null\n")
    assert document.positions[()] == Position(2, 1)
    assert document.positions[("checks",)] == Position(4, 3)
    assert document.positions[("checks", 0, "min")] == Position(4, 27)
    assert document.positions[("checks", 1)] == Position(5, 5)
    assert document.locate(("checks", 7, "max")) == Position(4, 3)
    assert document.locate(("nothing",)) == Position(2, 1)


def test_dates_stay_text_and_yes_no_keys_stay_words() -> None:
    assert parse_yaml(b"deadline: 2027-03-31\nno: 1\n").data == {"deadline": "2027-03-31", "no": 1}
