"""The footer's build stamp: data as-of, the short commit, and the commit's own time (never the clock)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from generator.site.build_stamp import EXTRA_KEY, build_stamp, commit_time_text, with_build_stamp

AS_OF = dt.date(2026, 9, 30)


def commit(folder: Path, when: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    run = ["git", "-C", str(folder)]
    subprocess.run([*run, "init", "-q"], check=True, env=env)
    (folder / "kpi.yml").write_text("x: 1\n", encoding="utf-8")
    subprocess.run([*run, "add", "."], check=True, env=env)
    subprocess.run([*run, "-c", "commit.gpgsign=false", "commit", "-qm", "c"], check=True, env=env)
    out = subprocess.run([*run, "rev-parse", "--short", "HEAD"], check=True, env=env, capture_output=True)
    return out.stdout.decode().strip()


def test_in_git_the_stamp_names_the_commit_and_its_time(tmp_path: Path) -> None:
    short = commit(tmp_path, "2026-10-01T09:30:00+09:00")
    assert build_stamp(tmp_path, AS_OF) == {
        "as_of": "2026年9月30日",
        "commit": short,
        "built": "2026年10月1日 09:30(UTC+09:00)",
    }


def test_two_builds_of_one_commit_stamp_the_same(tmp_path: Path) -> None:
    commit(tmp_path, "2026-10-01T09:30:00+09:00")
    assert build_stamp(tmp_path, AS_OF) == build_stamp(tmp_path, AS_OF)


def test_outside_git_it_says_so(tmp_path: Path) -> None:
    assert build_stamp(tmp_path, AS_OF) == {"as_of": "2026年9月30日", "commit": "git 外", "built": "—"}


def test_times_and_config() -> None:
    assert commit_time_text("2026-01-02T03:04:05Z") == "2026年1月2日 03:04(UTC+00:00)"
    assert commit_time_text("not a time") == "—"
    config = with_build_stamp({"site_name": "x", "extra": {"analytics": None}}, {"commit": "abc1234"})
    assert config == {"site_name": "x", "extra": {"analytics": None, EXTRA_KEY: {"commit": "abc1234"}}}
