"""Turn pydantic validation errors into located, bilingual issues a marketing person can act on."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..model.issue import Issue, Location
from .safe_yaml import Path_, YamlDocument

_JA: dict[str, str] = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "この項目は定義にありません(スペルを確認してください)",
    "literal_error": "使えない値です",
    "string_pattern_mismatch": "書式が正しくありません",
    "string_too_short": "空にはできません",
    "string_too_long": "長すぎます",
    "string_type": "文字列で書いてください",
    "int_parsing": "整数で書いてください",
    "int_type": "整数で書いてください",
    "int_from_float": "整数で書いてください",
    "float_parsing": "数値で書いてください",
    "float_type": "数値で書いてください",
    "bool_parsing": "true か false で書いてください",
    "bool_type": "true か false で書いてください",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD で書いてください",
    "date_parsing": "日付は YYYY-MM-DD で書いてください",
    "date_type": "日付は YYYY-MM-DD で書いてください",
    "list_type": "リスト(- で始まる行)で書いてください",
    "dict_type": "マッピング(キー: 値)で書いてください",
    "model_type": "マッピング(キー: 値)で書いてください",
    "model_attributes_type": "マッピング(キー: 値)で書いてください",
    "too_short": "要素が足りません",
    "too_long": "要素が多すぎます",
    "greater_than": "値が小さすぎます",
    "greater_than_equal": "値が小さすぎます",
    "less_than": "値が大きすぎます",
    "less_than_equal": "値が大きすぎます",
    "union_tag_invalid": "種類(measure / check)の値が正しくありません",
    "union_tag_not_found": "種類(measure / check)を指定してください",
    "value_error": "値が正しくありません",
}


def schema_issues(error: ValidationError, document: YamlDocument, file: str) -> list[Issue]:
    """One issue per pydantic error, positioned on the key (or the mapping missing it)."""
    issues = []
    for detail in error.errors(include_url=False):
        path = _yaml_path(document.data, detail["loc"])
        position = document.locate(path)
        field = ".".join(str(p) for p in path) or "(file)"
        kind = detail["type"]
        ctx = _context(detail)
        if kind == "missing":
            name = str(detail["loc"][-1])
            ja = f"{_where(path)}必須の項目「{name}」がありません — 追加してください"
            en = f"{field or 'file'}: required key '{name}' is missing — add it"
        else:
            ja_reason = _JA.get(kind, detail["msg"])
            ja = f"「{field}」: {ja_reason}{ctx} — 値を直してください"
            en = f"'{field}': {detail['msg']} — fix the value"
        issues.append(Issue("SCHEMA001", Location(file, position.line, position.col), ja, en))
    return issues


def _where(path: Path_) -> str:
    return f"「{'.'.join(str(p) for p in path)}」に" if path else ""


def _context(detail: Any) -> str:
    ctx = detail.get("ctx") or {}
    if "expected" in ctx:
        return f"(使える値: {ctx['expected']})"
    if "pattern" in ctx:
        return "(英小文字・数字・_ の id、または決まった書式)"
    if "tag" in ctx and "expected_tags" in ctx:
        return f"(使える種類: {ctx['expected_tags']})"
    for bound in ("ge", "gt", "le", "lt", "min_length", "max_length"):
        if bound in ctx:
            return f"({bound} {ctx[bound]})"
    return ""


def _yaml_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Follow a pydantic ``loc`` through the data, dropping union tags that are not keys in the YAML."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
    return tuple(path)
