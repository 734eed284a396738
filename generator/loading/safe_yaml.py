"""Safe YAML with positions: no tags, no aliases, no duplicate keys, capped size and depth.

PyYAML's ``safe_load`` keeps the last of duplicate keys and gives no line numbers, so we compose the
node tree ourselves, refuse what is unsafe while composing, and build plain data plus a position map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..excerpt import excerpt
from ..model.positions import KeyPath, Position

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

Path_ = KeyPath

# Tags the safe constructor resolves implicitly; an explicit tag in the text is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class YamlProblem(Exception):
    """A file that is not safe, well-formed YAML; carries a position and a code."""

    def __init__(self, code: str, position: Position, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.position = position
        self.message_ja = message_ja
        self.message_en = message_en


@dataclass(frozen=True)
class YamlDocument:
    """Plain data of one file and the position of every mapping key, list item and value."""

    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)

    def locate(self, path: Path_) -> Position:
        """Position of the longest prefix of ``path`` that exists (the file start if none)."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)


# libyaml (C) when available: the pure-Python scanner costs ~50 ms per file, libyaml ~1 ms.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases_and_depth(text: str) -> None:
    """Scan the events before composing: refuse aliases (alias bombs) and runaway nesting early.

    Composing first would already share the aliased node, so the bomb would only go off later, and
    a very deep document must be refused before any recursive walk.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            raise YamlProblem(
                "YAML003",
                _mark(event.start_mark),
                "YAMLのエイリアス(*参照)は使えません — 値をそのまま書いてください",
                "YAML aliases (*refs) are not allowed — write the value out instead",
            )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(event.start_mark)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _too_deep(mark: Any) -> YamlProblem:
    return YamlProblem(
        "YAML007",
        _mark(mark),
        f"入れ子が深すぎます(上限 {MAX_DEPTH} 段)— 構造を浅くしてください",
        f"nesting too deep (limit {MAX_DEPTH}) — flatten the structure",
    )


def _mark(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def parse_yaml(raw: bytes) -> YamlDocument:
    """Parse one YAML file safely, or raise :class:`YamlProblem` with a position."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            "YAML006",
            Position(1, 1),
            f"ファイルが大きすぎます({len(raw):,} バイト、上限 {MAX_FILE_BYTES:,})— 分割してください",
            f"file too large ({len(raw):,} bytes, limit {MAX_FILE_BYTES:,}) — split it",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        # Columns count characters, like every other position: decode what precedes the bad byte.
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            "YAML001",
            Position(line, col),
            "UTF-8 ではない文字があります — ファイルを UTF-8 で保存し直してください(Shift_JIS は不可)",
            "bytes that are not UTF-8 — save the file as UTF-8 (Shift_JIS is not accepted)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _Loader(text)
    try:
        _refuse_aliases_and_depth(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _mark(mark) if mark is not None else Position(1, 1)
        problem = exc.problem or "syntax error"
        raise YamlProblem(
            "YAML002",
            position,
            f"YAMLの書き方が正しくありません({problem})— インデントと「:」の後の空白を確認してください",
            f"invalid YAML ({problem}) — check the indentation and the space after ':'",
        ) from None
    except yaml.reader.ReaderError as exc:
        # libyaml and PyYAML refuse control characters (NUL, BEL, …) before any mark exists.
        before = text[: exc.position]
        position = Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlProblem(
            "YAML002",
            position,
            f"使えない制御文字({char})があります — その文字を消してください",
            f"control character {char} is not allowed — delete it",
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(
            "YAML005",
            Position(1, 1),
            "ファイルが空です — 定義を書くか、ファイルを削除してください",
            "the file is empty — write the definition or delete the file",
        )
    positions: dict[Path_, Position] = {}
    data = _construct(node, (), positions, 0)
    return YamlDocument(data, positions)


def _construct(node: Node, path: Path_, positions: dict[Path_, Position], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _too_deep(node.start_mark)
    positions.setdefault(path, _mark(node.start_mark))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        _refuse_explicit_tag(node, "tag:yaml.org,2002:seq")
        items = []
        for index, item in enumerate(node.value):
            positions[(*path, index)] = _mark(item.start_mark)
            items.append(_construct(item, (*path, index), positions, depth + 1))
        return items
    if isinstance(node, MappingNode):
        _refuse_explicit_tag(node, "tag:yaml.org,2002:map")
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "YAML003",
                    _mark(key_node.start_mark),
                    "マージキー(<<)は使えません — 値をそのまま書いてください",
                    "merge keys (<<) are not allowed — write the values out",
                )
            key = _construct(key_node, path, {}, depth + 1)
            if isinstance(key, bool):
                # YAML 1.1 reads keys such as `no:` or `on:` as booleans; keep the text as written.
                key = key_node.value
            if not isinstance(key, (str, int)):
                raise YamlProblem(
                    "YAML002",
                    _mark(key_node.start_mark),
                    "キーは文字列で書いてください",
                    "keys must be plain strings",
                )
            key = str(key)
            if key in mapping:
                first = positions[(*path, key)]
                raise YamlProblem(
                    "YAML004",
                    _mark(key_node.start_mark),
                    f"キー「{excerpt(key)}」が重複しています({first.line} 行目にもあります)"
                    "— どちらか一方を消してください",
                    f"duplicate key '{excerpt(key)}' (also on line {first.line}) — keep only one",
                )
            positions[(*path, key)] = _mark(value_node.start_mark)
            mapping[key] = _construct(value_node, (*path, key), positions, depth + 1)
        return mapping
    raise YamlProblem("YAML002", _mark(node.start_mark), "不明なYAMLノードです", "unknown YAML node")


def _refuse_explicit_tag(node: Node, implicit: str) -> None:
    if node.tag != implicit:
        raise YamlProblem(
            "YAML008",
            _mark(node.start_mark),
            f"タグ「{excerpt(node.tag)}」は使えません — タグ(!!…、!…)を消してください",
            f"tag '{excerpt(node.tag)}' is not allowed — remove the tag (!!…, !…)",
        )


def _scalar(node: ScalarNode) -> Any:
    # An explicit tag in the text shows up as a tag the resolver would not pick for plain style.
    if node.tag not in _SCALAR_TAGS:
        _refuse_explicit_tag(node, "tag:yaml.org,2002:str")
    if node.tag == "tag:yaml.org,2002:timestamp":
        # Dates stay text; the schema parses them, so a bad date gets a schema error with a line.
        return node.value
    constructor = yaml.SafeLoader.yaml_constructors[node.tag]
    try:
        return constructor(_SCALAR_CONSTRUCTOR, node)
    except ValueError:
        # Python refuses to turn more than 4,300 decimal digits into an int (a CPU-time guard).
        raise YamlProblem(
            "YAML010",
            _mark(node.start_mark),
            f"数値「{excerpt(node.value, 20)}」が長すぎます — 桁数を減らしてください",
            f"the number '{excerpt(node.value, 20)}' is too long — use fewer digits",
        ) from None


_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")
