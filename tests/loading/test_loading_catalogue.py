"""Loading a whole project: every file read, bad files reported with positions, never raised."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


def copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def found(root: Path) -> list[str]:
    return [f"{i.location} {i.code}" for i in load_catalogue(DirectoryTree(root)).issues]


def test_minimal_project_loads_completely() -> None:
    result = load_catalogue(DirectoryTree(MINIMAL))
    assert result.issues == ()
    assert result.project.broken_files == ()
    assert result.project.counts() == {
        "kpis": 11,
        "slas": 1,
        "checklists": 1,
        "checklist_items": 6,
        "terms": 5,
        "teams": 3,
        "tables": 5,
        "ksfs": 4,
    }
    assert len(result.files) == 17


def test_a_list_at_the_top_of_a_file(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / "metrics/mql_count.yml").write_text("# MQL\n- id: mql_count\n", encoding="utf-8")
    assert found(root) == ["metrics/mql_count.yml:2:1 YAML009"]


def test_a_list_where_a_mapping_belongs_is_a_schema_error_at_the_key(tmp_path: Path) -> None:
    root = copy(tmp_path)
    path = root / "metrics/mql_count.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  team: marketing\n  person:", "  - team: marketing\n    person:"
        ),
        encoding="utf-8",
    )
    assert found(root) == ["metrics/mql_count.yml:15:3 SCHEMA001"]


def test_unknown_key_is_located(tmp_path: Path) -> None:
    root = copy(tmp_path)
    path = root / "metrics/mql_count.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("phase: operating", "phaze: operating"), encoding="utf-8"
    )
    assert found(root) == ["metrics/mql_count.yml:1:1 SCHEMA001", "metrics/mql_count.yml:17:8 SCHEMA001"]


def test_many_unknown_keys_are_one_issue_with_a_count(tmp_path: Path) -> None:
    root = copy(tmp_path)
    path = root / "metrics/mql_count.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "".join(f"k{i}: 1\n" for i in range(100_000)), encoding="utf-8"
    )
    issues = load_catalogue(DirectoryTree(root)).issues
    assert [f"{i.location} {i.code}" for i in issues] == ["metrics/mql_count.yml:35:5 SCHEMA001"]
    assert issues[0].message_en == (
        "100,000 keys are not part of the definition: 'k0' (line 35), 'k1' (line 36), 'k2' (line 37)"
        " and more — check the spelling and delete the keys that do not belong"
    )


def test_a_long_unknown_key_is_echoed_cut_short(tmp_path: Path) -> None:
    root = copy(tmp_path)
    path = root / "metrics/mql_count.yml"
    # An explicit key (?): YAML caps implicit keys at 1,024 characters.
    path.write_text(path.read_text(encoding="utf-8") + f"? {'x' * 100_000}\n: 1\n", encoding="utf-8")
    (issue,) = load_catalogue(DirectoryTree(root)).issues
    assert issue.message_en == f"'{'x' * 80}…': Extra inputs are not permitted — fix the value"


def test_missing_required_file_and_broken_files_are_recorded(tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / "definitions/teams.yml").unlink()
    (root / "metrics/sql_count.yml").write_bytes(b"id: [\n")
    result = load_catalogue(DirectoryTree(root))
    assert [f"{i.location} {i.code}" for i in result.issues] == [
        "metrics/sql_count.yml:2:1 YAML002",
        "definitions/teams.yml:1:1 FILE001",
    ]
    assert result.project.broken_files == ("metrics/sql_count.yml",)
    assert result.project.teams is None
    assert len(result.project.kpis) == 10
