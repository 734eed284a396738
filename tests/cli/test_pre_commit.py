"""The shipped ``.pre-commit-hooks.yaml`` run by the real pre-commit in a temporary git repository.

Offline: the hook is used as a ``repo: local`` hook with ``language: system`` (pre-commit would
otherwise pip-install this package from the network) and the ``kpi`` of this environment on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(not (BIN / "pre-commit").exists(), reason="pre-commit is in the test extra")


def shipped_hooks() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    return hooks


def test_the_hook_runs_kpi_check_once_on_definition_changes() -> None:
    (hook,) = shipped_hooks()
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "kpi-check",
        "kpi check",
        "python",
        False,
    )
    files = re.compile(hook["files"])
    staged = ["metrics/cpl.yml", "definitions/sla/standard_sla.yml", "kpi.yml", ".github/CODEOWNERS"]
    assert all(files.search(path) for path in staged)
    assert not any(files.search(path) for path in ("README.md", "data/leads.parquet", "docs/metrics/x.yml"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    (hook,) = shipped_hooks()
    local = {**hook, "language": "system"}  # offline: this environment's kpi, not a pip install
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    run(repo, str(BIN / "pre-commit"), "install")
    return repo


def git(repo: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run(repo, "git", *arguments)


def run(repo: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
    }
    return subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def test_a_broken_definition_stops_the_commit_and_a_good_one_passes(repo: Path) -> None:
    git(repo, "add", "-A")
    first = git(repo, "commit", "-q", "-m", "catalogue")
    assert first.returncode == 0, first.stdout + first.stderr
    kpi = repo / "metrics" / "mql_count.yml"
    kpi.write_text(
        kpi.read_text(encoding="utf-8").replace("  team: marketing", "  team: marketting"), "utf-8"
    )
    git(repo, "add", "-A")
    broken = git(repo, "commit", "-q", "-m", "typo")
    assert broken.returncode == 1
    output = broken.stdout + broken.stderr
    assert "metrics/mql_count.yml:15:9: OWN001" in output
    assert "「marketing」の間違いですか" in output
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("marketting", "sales"), "utf-8")
    git(repo, "add", "-A")
    fixed = git(repo, "commit", "-q", "-m", "fixed")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert git(repo, "log", "--format=%s").stdout.split() == ["fixed", "catalogue"]
