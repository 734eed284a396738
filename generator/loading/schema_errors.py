"""Turn pydantic validation errors into located, bilingual issues a marketing person can act on."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..excerpt import excerpt
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
    "finite_number": "有限の数値で書いてください(.nan や .inf、1e400 のような桁あふれは使えません)",
}


# Up to this many unknown keys get an issue each; more (a pasted dump, an attack) become one summary.
MAX_UNKNOWN_KEY_ISSUES = 5


def schema_issues(error: ValidationError, document: YamlDocument, file: str) -> list[Issue]:
    """One issue per pydantic error, positioned on the key (or the mapping missing it)."""
    details = error.errors(include_url=False)
    unknown = [d for d in details if d["type"] == "extra_forbidden"]
    if len(unknown) > MAX_UNKNOWN_KEY_ISSUES:
        details = [d for d in details if d["type"] != "extra_forbidden"]
        issues = [_unknown_keys_summary(unknown, document, file)]
    else:
        issues = []
    for detail in details:
        path = _yaml_path(document.data, detail["loc"])
        position = document.locate(path)
        field = excerpt(".".join(str(p) for p in path)) or "(file)"
        kind = detail["type"]
        ctx = _context(detail)
        if kind == "missing":
            name = excerpt(str(detail["loc"][-1]))
            ja = f"{_where(path)}必須の項目「{name}」がありません — 追加してください"
            en = f"{field or 'file'}: required key '{name}' is missing — add it"
        else:
            ja_reason = _JA.get(kind, detail["msg"])
            ja = f"「{field}」: {ja_reason}{ctx} — 値を直してください"
            en = f"'{field}': {detail['msg']} — fix the value"
        issues.append(Issue("SCHEMA001", Location(file, position.line, position.col), ja, en))
    return issues


def _unknown_keys_summary(unknown: list[Any], document: YamlDocument, file: str) -> Issue:
    """One issue for many unknown keys: how many, and where the first few are."""
    shown = []
    for detail in unknown[:3]:
        path = _yaml_path(document.data, detail["loc"])
        shown.append((excerpt(".".join(str(p) for p in path), 40), document.locate(path).line))
    first = document.locate(_yaml_path(document.data, unknown[0]["loc"]))
    names_ja = "、".join(f"「{name}」({line} 行目)" for name, line in shown)
    names_en = ", ".join(f"'{name}' (line {line})" for name, line in shown)
    return Issue(
        "SCHEMA001",
        Location(file, first.line, first.col),
        f"定義にない項目が {len(unknown):,} 個あります: {names_ja} ほか"
        " — スペルを確認し、不要な項目を消してください",
        f"{len(unknown):,} keys are not part of the definition: {names_en} and more"
        " — check the spelling and delete the keys that do not belong",
    )


def _where(path: Path_) -> str:
    return f"「{'.'.join(str(p) for p in path)}」に" if path else ""


def _context(detail: Any) -> str:
    ctx = detail.get("ctx") or {}
    if "expected" in ctx:
        return f"(使える値: {ctx['expected']})"
    if "pattern" in ctx and str(ctx["pattern"]).startswith("^@"):
        return "(GitHub の @ユーザー名 か @組織/チーム の形)"
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
