"""Compiled templates are code: a cached one runs only when signed with this user's private key."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from jinja2.bccache import Bucket

from generator.site import build_memo

TEMPLATES = {"page.html": "Hello {{ name }}"}


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def environment(folder: Path) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    build_memo.use_bytecode_cache(env, folder)
    return env


def test_a_signed_entry_is_reused(tmp_path: Path, config_home: Path) -> None:
    folder = tmp_path / "jinja"
    assert environment(folder).get_template("page.html").render(name="A") == "Hello A"
    entries = list(folder.iterdir())
    assert len(entries) == 1
    key = config_home / "kpi-as-code" / "template-cache.key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    cache = environment(folder).bytecode_cache
    assert isinstance(cache, build_memo.SignedBytecodeCache)
    bucket = cache.get_bucket(environment(folder), "page.html", None, TEMPLATES["page.html"])
    assert bucket.code is not None  # loaded from the signed entry


def test_a_forged_entry_never_runs(tmp_path: Path, config_home: Path) -> None:
    folder = tmp_path / "jinja"
    env = environment(folder)
    env.get_template("page.html")
    entry = next(folder.iterdir())
    # Whoever can write the cache writes code of their own in Jinja's own entry format (the format an
    # unsigned cache loads and runs), for the same template source.
    forged = Bucket(env, "page.html", env.bytecode_cache.get_source_checksum(TEMPLATES["page.html"]))  # type: ignore[union-attr]
    forged.code = compile("raise SystemExit('the cache ran code')", "<cache>", "exec")
    written = io.BytesIO()
    forged.write_bytecode(written)
    entry.write_bytes(written.getvalue())
    assert environment(folder).get_template("page.html").render(name="B") == "Hello B"  # compiled again


def test_without_a_private_key_nothing_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))
    env = environment(tmp_path / "jinja")
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(name="C") == "Hello C"
