"""Mapping files: found (a project file or a shipped preset), parsed safely, and checked against sources.yml.

Every problem names ``file:line:col``, what is wrong and how to fix it, like every other definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from ..loading.safe_yaml import YamlDocument, YamlProblem, parse_yaml
from ..loading.schema_errors import schema_issues
from ..model.imports import ColumnMapping, ImportMapping, TableMapping
from ..model.issue import Issue, Location
from ..model.positions import KeyPath
from ..model.sources import Column, Sources, Table
from .problems import ImportFailure
from .values import canonical_text

MAPPING_FOLDER = "definitions/imports"


@dataclass(frozen=True)
class LoadedMapping:
    """A parsed mapping, its file as shown in messages, and where each key was written."""

    spec: ImportMapping
    file: str
    document: YamlDocument
    name: str  # the preset's or the file's name, without .yml

    def where(self, path: KeyPath) -> str:
        position = self.document.locate(path)
        return f"{self.file}:{position.line}:{position.col}"


def preset_names() -> list[str]:
    """The shipped mappings, by name (``hubspot-contacts`` …)."""
    folder = resources.files("generator.importers") / "presets"
    return sorted(
        entry.name.removesuffix(".yml") for entry in folder.iterdir() if entry.name.endswith(".yml")
    )


def load_preset(name: str) -> LoadedMapping:
    """A shipped mapping; messages name it as the package file it is."""
    return parse_mapping(preset_bytes(name), f"generator/importers/presets/{name}.yml", name)


def preset_bytes(name: str) -> bytes:
    if name not in preset_names():
        raise ImportFailure.one(
            f"プリセット「{name}」はありません — 使えるのは {', '.join(preset_names())} です",
            f"no preset '{name}' — available: {', '.join(preset_names())}",
        )
    return (resources.files("generator.importers") / "presets" / f"{name}.yml").read_bytes()


def find_mapping(project_dir: Path, given: Path) -> Path:
    """``given`` as a path, else ``definitions/imports/<given>.yml`` of the project."""
    if given.is_file():
        return given
    named = project_dir / MAPPING_FOLDER / f"{given.name.removesuffix('.yml')}.yml"
    if named.is_file():
        return named
    raise ImportFailure.one(
        f"マッピング {given} がありません — パスか {MAPPING_FOLDER}/ のファイル名を指定してください",
        f"no mapping {given} — give a path or the name of a file in {MAPPING_FOLDER}/",
    )


def parse_mapping(raw: bytes, file: str, name: str | None = None) -> LoadedMapping:
    """Parse and validate one mapping file; problems become an :class:`ImportFailure` with positions."""
    try:
        document = parse_yaml(raw)
    except YamlProblem as problem:
        where = f"{file}:{problem.position.line}:{problem.position.col}"
        raise ImportFailure.one(
            f"{where}: {problem.code} {problem.message_ja}", f"{where}: {problem.code} {problem.message_en}"
        ) from None
    if not isinstance(document.data, dict):
        raise ImportFailure.one(
            f"{file}:1:1: マッピングは「キー: 値」の形で書いてください",
            f"{file}:1:1: a mapping file is a set of 'key: value' lines",
        )
    try:
        spec = ImportMapping.model_validate(document.data)
    except ValidationError as error:
        raise _failure(schema_issues(error, document, file)) from None
    return LoadedMapping(spec, file, document, name or Path(file).stem)


def check_mapping(mapping: LoadedMapping, sources: Sources) -> None:
    """Refuse a mapping that does not fit the canonical tables (every problem at once)."""
    issues: list[Issue] = []
    tables = {table.id: table for table in sources.tables}
    seen: set[str] = set()
    for index, table_mapping in enumerate(mapping.spec.tables):
        at: KeyPath = ("tables", index)
        table = tables.get(table_mapping.table)
        if table is None:
            issues.append(
                _issue(
                    mapping,
                    (*at, "table"),
                    f"テーブル「{table_mapping.table}」は sources.yml にありません"
                    f" — {', '.join(tables)} のどれかにしてください",
                    f"table '{table_mapping.table}' is not in sources.yml — use one of {', '.join(tables)}",
                )
            )
            continue
        if table.id in seen:
            issues.append(
                _issue(
                    mapping,
                    (*at, "table"),
                    f"テーブル「{table.id}」が 2 回書かれています — 1 つにまとめてください",
                    f"table '{table.id}' is mapped twice — merge the two",
                )
            )
        seen.add(table.id)
        issues.extend(_table_issues(mapping, at, table_mapping, table))
    if issues:
        raise _failure(issues)


def _table_issues(
    mapping: LoadedMapping, at: KeyPath, table_mapping: TableMapping, table: Table
) -> list[Issue]:
    issues: list[Issue] = []
    inputs = mapping.spec.inputs
    if table_mapping.input is not None and table_mapping.input not in inputs:
        issues.append(_unknown_input(mapping, (*at, "input"), table_mapping.input, list(inputs)))
    if table.primary_key not in table_mapping.columns:
        issues.append(
            _issue(
                mapping,
                (*at, "columns"),
                f"{table.id} の主キー {table.primary_key} の取り込み元がありません"
                " — columns に追加してください",
                f"{table.id}'s primary key {table.primary_key} is not mapped — add it under columns",
            )
        )
    for name, column_mapping in table_mapping.column_mappings().items():
        where: KeyPath = (*at, "columns", name)
        column = table.column(name)
        if column is None:
            issues.append(
                _issue(
                    mapping,
                    where,
                    f"列「{name}」は {table.id} にありません — {', '.join(c.name for c in table.columns)}"
                    " のどれかにしてください",
                    f"column '{name}' is not in {table.id} — use one of"
                    f" {', '.join(c.name for c in table.columns)}",
                )
            )
            continue
        issues.extend(
            _column_issues(mapping, where, column_mapping, column, mapping.spec.input_of(table_mapping))
        )
    return issues


def _column_issues(
    mapping: LoadedMapping, where: KeyPath, spec: ColumnMapping, column: Column, own_input: str
) -> list[Issue]:
    issues: list[Issue] = []
    has_source, has_value = spec.source is not None, spec.value is not None
    if has_source == has_value:
        issues.append(
            _issue(
                mapping,
                where,
                f"列 {column.name}: from(エクスポートの列)か value(定数)のどちらか一方を書いてください",
                f"column {column.name}: give either from (the export's column) or value (a constant)",
            )
        )
    if spec.lookup is not None:
        if spec.lookup.input not in mapping.spec.inputs:
            issues.append(_unknown_input(mapping, (*where, "lookup", "input"), spec.lookup.input, []))
        elif spec.lookup.input == own_input:
            issues.append(
                _issue(
                    mapping,
                    (*where, "lookup", "input"),
                    "lookup は別の入力ファイルを参照してください(同じファイルなら from だけで足ります)",
                    "lookup must name another input (for the same file, from alone is enough)",
                )
            )
    if column.allowed:
        outputs: list[tuple[KeyPath, str | bool | int | float | None]] = [
            (("values", key), value) for key, value in spec.values.items()
        ]
        outputs += [((key,), value) for key, value in (("default", spec.default), ("value", spec.value))]
        for at, value in outputs:
            if value is not None and canonical_text(value) not in column.allowed:
                issues.append(
                    _issue(
                        mapping,
                        (*where, *at),
                        f"列 {column.name}: 値「{canonical_text(value)[:40]}」は"
                        " sources.yml の allowed にありません"
                        f" — {', '.join(column.allowed)} のどれかにしてください",
                        f"column {column.name}: '{canonical_text(value)[:40]}' is not an allowed value"
                        f" — use one of {', '.join(column.allowed)}",
                    )
                )
    return issues


def _unknown_input(mapping: LoadedMapping, where: KeyPath, name: str, known: list[str]) -> Issue:
    names = ", ".join(known or mapping.spec.inputs)
    return _issue(
        mapping,
        where,
        f"入力「{name}」は inputs にありません — {names} のどれかにしてください",
        f"input '{name}' is not under inputs — use one of {names}",
    )


def _issue(mapping: LoadedMapping, path: KeyPath, ja: str, en: str) -> Issue:
    position = mapping.document.locate(path)
    return Issue("IMP001", Location(mapping.file, position.line, position.col), ja, en)


def _failure(issues: list[Issue]) -> ImportFailure:
    return ImportFailure(
        [f"{issue.location}: {issue.code} {issue.message_ja}" for issue in issues],
        [f"{issue.location}: {issue.code} {issue.message_en}" for issue in issues],
    )
