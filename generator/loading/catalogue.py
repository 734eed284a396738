"""Load a catalogue from any source tree: parse each file safely, validate its schema, keep positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..codeowners import CODEOWNERS_FILE
from ..model.checklist import Checklist
from ..model.glossary import Glossary
from ..model.imports import ImportMapping
from ..model.issue import Issue, Location
from ..model.kpi import Kpi
from ..model.project import Loaded, Project
from ..model.settings import ProjectSettings
from ..model.sla import Sla
from ..model.sources import Sources
from ..model.teams import Teams
from ..model.tree import KpiTree
from .currencies import with_currencies
from .safe_files import FileRefused
from .safe_yaml import YamlDocument, YamlProblem, parse_yaml
from .schema_errors import schema_issues
from .source_tree import SourceTree

KPI_GLOB = "metrics/*.yml"
SLA_GLOB = "definitions/sla/*.yml"
CHECKLIST_GLOB = "definitions/checklists/*.yml"
GLOSSARY_FILE = "definitions/glossary.yml"
TEAMS_FILE = "definitions/teams.yml"
SOURCES_FILE = "definitions/sources.yml"
TREE_FILE = "definitions/tree.yml"
SETTINGS_FILE = "kpi.yml"
SITE_CONFIG_FILE = "mkdocs.yml"  # not a definition, but read by the site builders: checked here too

# Which model each file kind holds; also drives `kpi schema`.
FILE_KINDS: dict[str, type[BaseModel]] = {
    "kpi": Kpi,
    "sla": Sla,
    "checklist": Checklist,
    "glossary": Glossary,
    "teams": Teams,
    "sources": Sources,
    "tree": KpiTree,
    "settings": ProjectSettings,
    "import": ImportMapping,  # definitions/imports/*.yml, read by `kpi import` only
}

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class LoadResult:
    """The project built from every file that loaded, and the issues of those that did not."""

    project: Project
    issues: tuple[Issue, ...]
    files: tuple[str, ...]


def load_catalogue(tree: SourceTree) -> LoadResult:
    """Read every definition file of ``tree``; never raises for bad content, only reports."""
    issues: list[Issue] = []
    files: list[str] = []
    broken: list[str] = []

    def load_one(path: str, model: type[ModelT]) -> Loaded[ModelT] | None:
        files.append(path)
        loaded = _load_file(tree, path, model, issues.append)
        if loaded is None:
            broken.append(path)
        return loaded

    def load_many(pattern: str, model: type[ModelT]) -> tuple[Loaded[ModelT], ...]:
        misnamed = _misnamed(tree, pattern)
        issues.extend(misnamed)
        # Under the name it was meant to have, so rules do not also call its id unknown.
        broken.extend(issue.location.file.removesuffix(".yaml") + ".yml" for issue in misnamed)
        loaded = (load_one(path, model) for path in tree.glob(pattern))
        return tuple(item for item in loaded if item is not None)

    def load_required(path: str, model: type[ModelT]) -> Loaded[ModelT] | None:
        if not tree.exists(path):
            issues.append(
                Issue(
                    "FILE001",
                    Location(path),
                    f"{path} がありません — 作成してください(README の例を参照)",
                    f"{path} is missing — create it (see the README for an example)",
                )
            )
            return None
        return load_one(path, model)

    project = Project(
        kpis=load_many(KPI_GLOB, Kpi),
        slas=load_many(SLA_GLOB, Sla),
        checklists=load_many(CHECKLIST_GLOB, Checklist),
        glossary=load_required(GLOSSARY_FILE, Glossary),
        teams=load_required(TEAMS_FILE, Teams),
        sources=load_required(SOURCES_FILE, Sources),
        tree=load_required(TREE_FILE, KpiTree),
        settings=load_one(SETTINGS_FILE, ProjectSettings) if tree.exists(SETTINGS_FILE) else None,
        broken_files=tuple(broken),
        codeowners=_codeowners(tree),
    )
    issues.extend(_site_config_issues(tree))
    return LoadResult(with_currencies(project), tuple(issues), tuple(files))


def _codeowners(tree: SourceTree) -> str | None:
    """The committed CODEOWNERS as text (not a definition: no issues of its own), or None."""
    if not tree.exists(CODEOWNERS_FILE):
        return None
    try:
        return tree.read_bytes(CODEOWNERS_FILE).decode("utf-8", errors="replace")
    except FileRefused:
        return None


def _site_config_issues(tree: SourceTree) -> list[Issue]:
    """``mkdocs.yml`` read with the same safe loader as the build, so ``kpi check`` fails where it would."""
    if not tree.exists(SITE_CONFIG_FILE):
        return []
    try:
        document = parse_yaml(tree.read_bytes(SITE_CONFIG_FILE))
    except (YamlProblem, FileRefused) as problem:
        where = Location(SITE_CONFIG_FILE, problem.position.line, problem.position.col)
        return [Issue(problem.code, where, problem.message_ja, problem.message_en)]
    return [] if isinstance(document.data, dict) else [_not_a_mapping(SITE_CONFIG_FILE, document)]


def _load_file(
    tree: SourceTree, path: str, model: type[ModelT], report: Callable[[Issue], None]
) -> Loaded[ModelT] | None:
    try:
        document = parse_yaml(tree.read_bytes(path))
    except (YamlProblem, FileRefused) as problem:
        where = Location(path, problem.position.line, problem.position.col)
        report(Issue(problem.code, where, problem.message_ja, problem.message_en))
        return None
    if not isinstance(document.data, dict):
        report(_not_a_mapping(path, document))
        return None
    try:
        spec = model.model_validate(document.data)
    except ValidationError as error:
        for issue in schema_issues(error, document, path):
            report(issue)
        return None
    return Loaded(spec, path, document)


def _misnamed(tree: SourceTree, pattern: str) -> list[Issue]:
    """``*.yaml`` beside the ``*.yml`` files would silently not count: say so and how to fix it."""
    found = tree.glob(pattern.removesuffix(".yml") + ".yaml")
    return [
        Issue(
            "FILE006",
            Location(path),
            f"拡張子が .yaml のため読み込みません — {path.removesuffix('.yaml')}.yml に名前を変えてください",
            f"not read because its extension is .yaml — rename it to {path.removesuffix('.yaml')}.yml",
        )
        for path in found
    ]


_KIND_NAMES: dict[type, tuple[str, str]] = {
    list: ("リスト", "list"),
    str: ("文字列", "text"),
    int: ("数値", "number"),
    float: ("数値", "number"),
    bool: ("true/false", "boolean"),
    type(None): ("空の値", "empty value"),
}


def _not_a_mapping(path: str, document: YamlDocument) -> Issue:
    kind_ja, kind_en = _KIND_NAMES.get(type(document.data), ("値", "value"))
    top = document.locate(())
    return Issue(
        "YAML009",
        Location(path, top.line, top.col),
        f"ファイルの一番上はマッピング(キー: 値)でなければなりません({kind_ja}になっています)"
        " — 「- 」で始めず、id: … のように「キー: 値」で書いてください",
        f"the top level must be a mapping (key: value), not a {kind_en}"
        " — do not start with '- '; write key: value lines such as id: …",
    )
