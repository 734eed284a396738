"""The JSON Schemas editors use: committed, up to date, and accepting every valid fixture file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from generator.commands.schema import schema_files
from generator.loading.catalogue import FILE_KINDS
from generator.loading.safe_yaml import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
KIND_OF_FILES = {
    "kpi": "metrics/*.yml",
    "sla": "definitions/sla/*.yml",
    "checklist": "definitions/checklists/*.yml",
    "glossary": "definitions/glossary.yml",
    "teams": "definitions/teams.yml",
    "sources": "definitions/sources.yml",
    "tree": "definitions/tree.yml",
}


def test_committed_schemas_are_up_to_date() -> None:
    expected = schema_files()
    assert sorted(expected) == sorted(f"{kind}.schema.json" for kind in FILE_KINDS)
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert committed == expected, "schemas/ is stale: run `kpi schema` and commit schemas/"


def test_kpi_schema_command_writes_every_kind(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "schema", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert written == schema_files()
    assert written["kpi.schema.json"].endswith("}\n")
    assert "よみ" in written["glossary.schema.json"]  # UTF-8 as is, not \\u escapes


@pytest.mark.parametrize("kind", sorted(KIND_OF_FILES))
def test_every_valid_fixture_file_matches_its_schema(kind: str) -> None:
    schema = json.loads(schema_files()[f"{kind}.schema.json"])
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(MINIMAL.glob(KIND_OF_FILES[kind]))
    assert files
    for path in files:
        data = parse_yaml(path.read_bytes()).data
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"


def test_the_schema_rejects_an_unknown_key() -> None:
    schema = json.loads(schema_files()["teams.schema.json"])
    data = {"teams": [{"id": "marketing", "name": "マーケ", "name_en": "Marketing", "colour": "red"}]}
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == ["Additional properties are not allowed ('colour' was unexpected)"]
