"""A sandbox copy of the minimal valid fixture project that a test changes in one place."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.loading.catalogue import LoadResult, load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.model.issue import Issue
from generator.rules.base import Rule

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


@dataclass(frozen=True)
class Sandbox:
    root: Path

    def edit(self, file: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in ``file`` (fails if it is not there exactly once)."""
        path = self.root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, file: str, text: str) -> None:
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, file: str) -> str:
        return (self.root / file).read_text(encoding="utf-8")

    def move(self, file: str, to: str) -> None:
        (self.root / file).rename(self.root / to)

    def remove(self, file: str) -> None:
        (self.root / file).unlink()

    def load(self) -> LoadResult:
        return load_catalogue(DirectoryTree(self.root))

    def issues(self, rule: Rule) -> list[Issue]:
        """The issues of one rule on a project that must still load cleanly."""
        loaded = self.load()
        assert loaded.issues == (), [str(i.location) + " " + i.message_en for i in loaded.issues]
        return sorted(rule.check(loaded.project), key=Issue.sort_key)

    def found(self, rule: Rule) -> list[str]:
        """``file:line:col CODE`` of each issue (plus ``warning`` for warnings)."""
        return [_short(issue) for issue in self.issues(rule)]


def _short(issue: Issue) -> str:
    suffix = " warning" if issue.severity.value == "warning" else ""
    return f"{issue.location} {issue.code}{suffix}"


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return Sandbox(root)
