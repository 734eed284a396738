"""The scaffolded project on disk: the shipped catalogue copied (rewritten where it referred to what
was left out), the data's tables, the left-out definitions kept aside with what each needs."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.bilingual import BilingualError
from ..model.project import Project
from .plan import Plan
from .rewrite import Rewritten

COPIED_FILES = ("kpi.yml", "mkdocs.yml")
COPIED_FOLDERS = ("site_src", "site_theme")
NOT_COPIED = ("generated", "__pycache__")  # site_src/generated is written by every build
LEFT_OUT = "disabled"
GITIGNORE = "/data/\n/site/\n.cache/\n.site-*/\n"


class InitFailure(BilingualError):
    """Why no project was written, in both languages (``what is wrong — how to fix it``)."""


@dataclass(frozen=True)
class Catalogue:
    """Where the scaffold is copied from: the catalogue folder, and its loaded project."""

    folder: Path
    project: Project


def shipped_catalogue() -> Path:
    """The catalogue this package ships with (the repository's metrics/ and definitions/)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "metrics").is_dir() or not (root / "definitions" / "sources.yml").is_file():
        raise InitFailure(
            f"出荷時のカタログ({root}/metrics, definitions)が見つかりません"
            " — --from でカタログのフォルダを指定してください",
            f"the shipped catalogue ({root}/metrics, definitions) is not there — name one with --from",
        )
    return root


def refuse_to_overwrite(target: Path, force: bool, catalogue: Path) -> None:
    if target.resolve() == catalogue.resolve():
        raise InitFailure(
            f"{target} はコピー元のカタログそのものです — 新しいフォルダを指定してください",
            f"{target} is the catalogue being copied — name a new folder",
        )
    if target.exists() and not target.is_dir():
        raise InitFailure(
            f"{target} はファイルです — 新しいフォルダの名前を指定してください",
            f"{target} is a file — name a new folder",
        )
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitFailure(
            f"{target} は空ではありません"
            " — 別のフォルダを指定するか、上書きするなら --force を付けてください",
            f"{target} is not empty — name another folder, or add --force to overwrite it",
        )


def write_project(
    source: Catalogue,
    target: Path,
    the_plan: Plan,
    rewritten: Rewritten,
    data_files: Mapping[str, Path],
    lang: str,
) -> None:
    """Write the project into ``target``; with --force the folders init writes are replaced whole."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("metrics", LEFT_OUT, *COPIED_FOLDERS):
        shutil.rmtree(target / folder, ignore_errors=True)
    for written in sorted((target / "definitions").glob("*")):  # the team's own mappings (imports/) stay
        if written.name != "imports":
            shutil.rmtree(written) if written.is_dir() else written.unlink()
    for name in COPIED_FILES:
        if (source.folder / name).is_file():
            shutil.copyfile(source.folder / name, target / name)
    for name in COPIED_FOLDERS:
        if (source.folder / name).is_dir():
            shutil.copytree(source.folder / name, target / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
    project = source.project
    left_out = {f"metrics/{kpi_id}.yml" for kpi_id in the_plan.left_out}
    for relative in _definition_files(source.folder):
        destination = target / (LEFT_OUT + "/" + relative if relative in left_out else relative)
        destination.parent.mkdir(parents=True, exist_ok=True)
        changed = rewritten.files.get(relative)
        if changed is None or relative in left_out:
            shutil.copyfile(source.folder / relative, destination)
        else:
            destination.write_text(_dumped(changed, source.folder / relative), encoding="utf-8")
    (target / LEFT_OUT).mkdir(exist_ok=True)
    (target / LEFT_OUT / "README.md").write_text(left_out_page(the_plan, project, lang), encoding="utf-8")
    data_dir = target / "data"
    data_dir.mkdir(exist_ok=True)
    for path in data_files.values():
        if path.resolve().parent != data_dir.resolve():
            shutil.copyfile(path, data_dir / path.name)
    if not (target / ".gitignore").exists():
        (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")


def left_out_page(the_plan: Plan, project: Project, lang: str) -> str:
    """The left-out KPIs with what each needs, and how to bring one back."""
    names = {
        k.spec.id: (k.spec.name if lang == "ja" else k.spec.name_en or k.spec.name) for k in project.kpis
    }
    lines = (
        ["# 計測できないため外した KPI", "", "データを取り込んだら、ファイルを metrics/ に戻して",
         "`kpi check` を実行してください。", ""]
        if lang == "ja"
        else ["# KPIs left out: the data cannot measure them", "",
              "Once the data is imported, move the file back to metrics/ and run `kpi check`.", ""]
    )  # fmt: skip
    for kpi_id in the_plan.left_out:
        lines.append(
            f"- `metrics/{kpi_id}.yml` {names.get(kpi_id, kpi_id)}: {the_plan.message(kpi_id, lang)}"
        )
    return "\n".join(lines) + "\n"


def _definition_files(folder: Path) -> Iterable[str]:
    """Every KPI and definition file of the catalogue, as project paths (mappings are not copied)."""
    for pattern in ("metrics/*.yml", "definitions/*.yml", "definitions/*/*.yml"):
        for path in sorted(folder.glob(pattern)):
            relative = path.relative_to(folder).as_posix()
            if not relative.startswith("definitions/imports/"):
                yield relative


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as ``|`` blocks, keys in their written order."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dumped(data: Any, original: Path) -> str:
    """The rewritten data as YAML, under the original's schema line and a note of why it changed."""
    first = original.read_text(encoding="utf-8").splitlines()[:1]
    header = [line for line in first if line.startswith("# yaml-language-server")]
    note = "# kpi init が、計測できない KPI への参照を外して書き直しました(disabled/README.md)。"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    return "\n".join([*header, note, body])
