"""Run ``kpi check`` in-process on a sandbox copy of the minimal project and judge the outcome."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
HOSTILE = Path(__file__).resolve().parent
MAX_OUTPUT_CHARS = 4000  # a hostile file may cost a few lines of report, never a flood
# Anything a terminal would obey rather than show: C0 (except the newline ending each line), DEL, C1, bidi.
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@dataclass(frozen=True)
class Checked:
    exit_code: int
    output: str

    def locations(self, code: str) -> list[str]:
        """``file:line`` of each text-report line carrying ``code``."""
        found = (re.match(rf"^(\S+):(\d+):\d+: {code} ", line) for line in self.output.splitlines())
        return [f"{m[1]}:{m[2]}" for m in found if m]


def sandbox(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


def kpi_check(project: Path, output_format: str = "text", lang: str = "en") -> Checked:
    """``kpi check`` through the real CLI; stdout and stderr together, exceptions not swallowed."""
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["check", "--project", str(project), "--format", output_format, "--lang", lang],
        catch_exceptions=False,
    )
    return Checked(result.exit_code, result.output)


def assert_refused_well(checked: Checked, code: str, where: str) -> None:
    """Exit 1, ``code`` at ``where`` (file:line), no traceback, short output, nothing a terminal obeys."""
    assert checked.exit_code == 1, checked.output[:2000]
    assert where in checked.locations(code), checked.output[:2000]
    assert "Traceback" not in checked.output
    assert "RULE001" not in checked.output, checked.output[:2000]  # no rule crashed on the input
    assert len(checked.output) <= MAX_OUTPUT_CHARS, len(checked.output)
    assert not OBEYED.search(checked.output), repr(OBEYED.search(checked.output))


def expectation(text: str) -> tuple[str, int, str]:
    """``# expect: CODE LINE`` and optional ``# path: …`` header of a corpus file."""
    expect = re.search(r"^# expect: (\S+) (\d+)$", text, re.MULTILINE)
    assert expect is not None, "corpus file without '# expect: CODE LINE'"
    path = re.search(r"^# path: (\S+)$", text, re.MULTILINE)
    return expect[1], int(expect[2]), path[1] if path else "metrics/mql_count.yml"
