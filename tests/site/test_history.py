"""Change history from git: author, date and subject per definition file; nothing outside a repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.site.cache import StageCache
from generator.site.history import definition_history, file_history


def git(repo: Path, *args: str, date: str = "2026-04-01T10:00:00+09:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "佐藤 美咲",
        "GIT_AUTHOR_EMAIL": "sato@example.jp",
        "GIT_COMMITTER_NAME": "佐藤 美咲",
        "GIT_COMMITTER_EMAIL": "sato@example.jp",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_history_follows_the_file_newest_first(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics/old_name.yml").write_text("id: old_name\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "MQL数を追加")
    git(tmp_path, "mv", "metrics/old_name.yml", "metrics/mql_count.yml")
    git(tmp_path, "commit", "-q", "-m", "ファイル名を id に合わせる", date="2026-05-02T09:30:00+09:00")
    changes = file_history(tmp_path, "metrics/mql_count.yml")
    assert [(c.author, c.date, c.subject) for c in changes] == [
        ("佐藤 美咲", "2026-05-02", "ファイル名を id に合わせる"),
        ("佐藤 美咲", "2026-04-01", "MQL数を追加"),
    ]
    cached = definition_history(
        tmp_path, {"mql_count": "metrics/mql_count.yml"}, StageCache(tmp_path / ".cache")
    )
    again = definition_history(
        tmp_path, {"mql_count": "metrics/mql_count.yml"}, StageCache(tmp_path / ".cache")
    )
    assert cached == again == {"mql_count": changes}


def test_outside_a_repository_there_is_no_history(tmp_path: Path) -> None:
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics/mql_count.yml").write_text("id: mql_count\n", encoding="utf-8")
    assert definition_history(tmp_path, {"mql_count": "metrics/mql_count.yml"}) == {}
    assert file_history(tmp_path, "metrics/mql_count.yml") == ()
