"""Cache keys: digests of what a stage reads (definitions, data files, the stage's own code)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model.project import Project

PACKAGE_ROOT = Path(__file__).resolve().parent.parent

# KPI fields the engine never reads (text for people, status thresholds, reviews, data checks):
# editing them never changes a measured number. Targets are read (the tree works them backwards).
DESCRIPTIVE_KPI_FIELDS = frozenset(
    {
        "thresholds",
        "name",
        "name_en",
        "aliases",
        "description",
        "denominator_note",
        "owner",
        "phase",
        "cadence",
        "references",
        "terms",
        "pair",
        "reviews",
        "changelog",
        "checks",
    }
)


def digest(*parts: object) -> str:
    """sha256 of the canonical JSON of ``parts`` (sorted keys, so dict order never matters)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=_plain, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if callable(value):  # e.g. a slugify function in the Markdown config: by name, never by address
        name = getattr(value, "__qualname__", type(value).__qualname__)
        return f"{getattr(value, '__module__', type(value).__module__)}.{name}"
    return str(value)


def spec(model: BaseModel | None, exclude: Iterable[str] = ()) -> Any:
    return None if model is None else model.model_dump(mode="json", exclude=set(exclude))


def measured_definitions(project: Project) -> dict[str, Any]:
    """Everything of the catalogue that can change a measured number, without the descriptive text."""
    return {
        "kpis": {k.spec.id: spec(k.spec, DESCRIPTIVE_KPI_FIELDS) for k in project.kpis},
        "slas": {s.spec.id: spec(s.spec) for s in project.slas},
        "sources": spec(project.sources.spec if project.sources else None),
        "teams": spec(project.teams.spec if project.teams else None),
        "tree": spec(project.tree.spec if project.tree else None),
    }


def kpi_check_definitions(project: Project) -> dict[str, Any]:
    """The declared KPI checks (without their positions: results are relocated on reuse)."""
    return {k.spec.id: [c.model_dump(mode="json") for c in k.spec.checks] for k in project.kpis}


@cache
def code_version(*parts: str) -> str:
    """A digest of the Python sources of ``parts`` (packages like ``engine`` or single modules like
    ``render/charts.py``) plus installed versions that shape results: new code, new cache keys."""
    hasher = hashlib.sha256()
    for part in parts:
        target = PACKAGE_ROOT / part
        paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in paths:
            if path.is_file():
                hasher.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


def file_digests(files: Mapping[str, Path], memo: dict[str, Any]) -> dict[str, str]:
    """Each file's format and sha256 of its bytes, as ``"<format>:<sha256>"``.

    The format is part of it because it decides how the bytes are read: the same CSV bytes saved as
    ``deals.parquet`` must not reuse what ``deals.csv`` measured (they cannot be read as Parquet).
    ``memo`` maps path → (size, mtime, ctime, inode, digest) so unchanged files are not read again; the
    change time and inode catch a rewrite that kept the size and put the old mtime back.
    """
    found: dict[str, str] = {}
    for name, path in sorted(files.items()):
        stat = path.stat()
        key = str(path.resolve())
        seen = memo.get(key)
        signature = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        if isinstance(seen, list) and len(seen) == 5 and seen[:4] == signature and _sha256(seen[4]):
            value = str(seen[4])
        else:
            with path.open("rb") as handle:
                value = hashlib.file_digest(handle, "sha256").hexdigest()
            memo[key] = [*signature, value]
        found[name] = f"{path.suffix.lstrip('.').lower()}:{value}"
    return found


def _sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


# The code a measurement depends on: the engine, the measure kinds and the model.
MEASURING_CODE = ("engine", "measures", "model")


def measurement_key(project: Project, data: Mapping[str, str], k_anonymity: int, engine: str) -> str:
    """What measurements are remembered under: the measured definitions, the data files (bytes and
    format), k, the engine and the measuring code. The build and ``kpi diff`` share it."""
    return digest(
        "measure",
        measured_definitions(project),
        dict(data),
        k_anonymity,
        engine,
        code_version(*MEASURING_CODE),
    )
