"""Publishing a site: the journaled swap, the repair of every state a kill leaves, the site's permissions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from generator.site import publish


def a_site(folder: Path, text: str) -> Path:
    (folder / "kpis").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "kpis/index.html").write_text(f"{text} kpis", encoding="utf-8")
    return folder


def contents(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def journal(site: Path, new: str, old: str | None) -> None:
    (site.parent / ".site-publish.json").write_text(json.dumps({"new": new, "old": old}), encoding="utf-8")


def names(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir())


OLD = {"index.html": "old", "kpis/index.html": "old kpis"}
NEW = {"index.html": "new", "kpis/index.html": "new kpis"}


def test_a_swap_replaces_the_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "old")
    publish.swap_into_place(a_site(tmp_path / ".site-new-1", "new"), site)
    assert contents(site) == NEW
    assert names(tmp_path) == ["site"]


def test_killed_after_the_journal_before_any_rename_the_new_site_is_published(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "old")
    a_site(tmp_path / ".site-new-1", "new")
    journal(site, ".site-new-1", ".site-old-1")
    publish.recover(site)
    assert contents(site) == NEW
    assert names(tmp_path) == ["site"]


def test_killed_between_the_renames_the_new_site_is_put_in_place(tmp_path: Path) -> None:
    a_site(tmp_path / ".site-old-1", "old")
    a_site(tmp_path / ".site-new-1", "new")
    site = tmp_path / "site"
    journal(site, ".site-new-1", ".site-old-1")
    publish.recover(site)
    assert contents(site) == NEW
    assert names(tmp_path) == ["site"]


def test_killed_between_the_renames_without_the_new_site_the_old_one_comes_back(tmp_path: Path) -> None:
    a_site(tmp_path / ".site-old-1", "old")
    site = tmp_path / "site"
    journal(site, ".site-new-1", ".site-old-1")
    publish.recover(site)
    assert contents(site) == OLD
    assert names(tmp_path) == ["site"]


def test_killed_after_both_renames_the_old_site_and_the_journal_go(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "new")
    a_site(tmp_path / ".site-old-1", "old")
    journal(site, ".site-new-1", ".site-old-1")
    publish.recover(site)
    assert contents(site) == NEW
    assert names(tmp_path) == ["site"]


def test_without_a_journal_half_built_sites_go_and_a_site_left_aside_comes_back(tmp_path: Path) -> None:
    # What a build killed by a version without the journal leaves: no site/, the old one aside.
    a_site(tmp_path / ".site-old-abc", "old")
    a_site(tmp_path / ".site-new-def", "half")
    (tmp_path / ".site-publish.json.x1y2").write_text("{", encoding="utf-8")  # killed while being written
    site = tmp_path / "site"
    publish.recover(site)
    assert contents(site) == OLD
    assert names(tmp_path) == ["site"]


def test_other_sites_and_files_beside_the_site_are_left_alone(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "mine")
    other = a_site(tmp_path / ".public-new-1", "another site's build")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    publish.recover(site)
    assert names(tmp_path) == [".public-new-1", "notes.txt", "site"]
    assert contents(other)["index.html"] == "another site's build"


def test_a_journal_naming_folders_that_are_not_ours_moves_nothing(tmp_path: Path) -> None:
    site = a_site(tmp_path / "project/site", "current")
    keep = a_site(tmp_path / "precious", "precious")
    journal(site, "../precious", None)
    publish.recover(site)
    assert contents(keep)["index.html"] == "precious"
    assert contents(site)["index.html"] == "current"
    assert names(site.parent) == ["site"]


def test_a_journal_that_is_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "current")
    os.mkfifo(tmp_path / ".site-publish.json")
    assert publish.read_journal(site) is None  # returns at once (a blocking open would hang here)


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_the_published_site_has_the_umask_permissions(tmp_path: Path, umask: int) -> None:
    site = tmp_path / "site"
    before = os.umask(umask)
    try:
        with publish.staged(site) as staging:
            a_site(staging, "new")
            (staging / "kpis/index.html").chmod(0o600)  # whatever a writer left
    finally:
        os.umask(before)
    modes = {
        p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]
    }
    assert modes == {
        "site": 0o777 & ~umask,
        "site/kpis": 0o777 & ~umask,
        "site/index.html": 0o666 & ~umask,
        "site/kpis/index.html": 0o666 & ~umask,
    }


def test_a_failed_build_removes_its_staging_folder_and_keeps_the_site(tmp_path: Path) -> None:
    site = a_site(tmp_path / "site", "old")
    with pytest.raises(RuntimeError), publish.staged(site) as staging:
        a_site(staging, "half")
        raise RuntimeError("the build failed")
    assert contents(site) == OLD
    assert names(tmp_path) == ["site"]


def test_a_build_holds_the_sites_folder_so_another_cannot_clean_up_under_it(tmp_path: Path) -> None:
    import fcntl

    site = tmp_path / "site"
    with publish.exclusive(site):
        other = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            with pytest.raises(BlockingIOError):  # a second build would wait here
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
    other = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the build ends
    finally:
        os.close(other)
