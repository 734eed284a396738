"""``kpi schema``: a JSON Schema per definition file kind, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from ..loading.catalogue import FILE_KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema as deterministic text: sorted keys, UTF-8 as is, a trailing newline."""
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_files() -> dict[str, str]:
    """File name → schema text for every kind in ``FILE_KINDS``."""
    return {f"{kind}.schema.json": schema_text(model) for kind, model in sorted(FILE_KINDS.items())}


def run_schema(out: Path) -> int:
    """Write ``<out>/<kind>.schema.json`` for every file kind; return the exit code."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (out / name).write_text(text, encoding="utf-8")
        click.echo(f"{out / name}")
    return 0
