"""Control characters from file names and definition text reach no output format of ``kpi check`` raw."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.report.escaping import visible

from .kit import OBEYED, kpi_check, sandbox

FORMATS = ("text", "json", "github")
SLA = "definitions/sla/standard_sla.yml"


def _file_name(project: Path) -> str:
    (project / "metrics/mql_count.yml").rename(project / "metrics/a\nb\x1b[2Jc\u202ed.yml")
    return "metrics/a\\x0ab\\x1b[2Jc\\u202ed.yml"


def _key(project: Path) -> str:
    path = project / "metrics/mql_count.yml"
    path.write_text(path.read_text(encoding="utf-8") + '"x\\e[31m\\nforged: 1": 1\n', encoding="utf-8")
    return "x\\x1b[31m\\x0aforged: 1"


def _filter(project: Path) -> str:
    path = project / SLA
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('filter: "mql_at is not null"', 'filter: "\\x9b2J\\u2066(\\r(x"'), encoding="utf-8"
    )
    return "\\x9b2J\\u2066(\\x0d(x"


CASES: dict[str, Callable[[Path], str]] = {"file_name": _file_name, "key": _key, "filter": _filter}


@pytest.mark.skipif(sys.platform == "win32", reason="newlines in file names need a POSIX file system")
@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_control_characters_are_shown_escaped(tmp_path: Path, case: str, output_format: str) -> None:
    project = sandbox(tmp_path)
    shown = CASES[case](project)
    checked = kpi_check(project, output_format)
    assert checked.exit_code == 1
    assert not OBEYED.search(checked.output), repr(OBEYED.search(checked.output))
    if output_format == "json":
        report = json.loads(checked.output)
        assert any(shown in error["file"] + error["message"] for error in report["errors"]), report
    else:
        assert shown in checked.output
    if output_format == "github":
        # No forged workflow command: every line is an annotation or the summary.
        lines = checked.output.splitlines()
        assert all(line.startswith("::error ") for line in lines[:-1]) and "error(s)" in lines[-1]


def test_visible_keeps_japanese_and_escapes_controls() -> None:
    assert visible("目標\t値\x7f\u200f") == "目標\\x09値\\x7f\\u200f"
