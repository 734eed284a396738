"""Publishing a built site: the new folder takes the place of ``site/`` safely against a kill at any moment.

A build writes into ``.site-new-*`` next to ``site/``. Publishing is two renames (``site/`` aside to
``.site-old-*``, then the new folder to ``site/``); a kill between them would leave no site at all. So a
journal (``.site-publish.json``) naming both folders is written and fsynced before the first rename and
removed after the second. Every build starts by finishing what an interrupted one left behind: with a
journal, the new site (complete by then) goes in place, or the old one comes back; without one,
half-built folders are removed and a site left aside is put back. A lock on the parent folder keeps two
builds of the same folder from cleaning up each other's work.

The published site gets the permissions of the user's umask (``mkdtemp`` makes its folder 0700, which a
web server running as another user cannot read).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from . import regular_files

log = logging.getLogger("generator.site")


@dataclass(frozen=True)
class Journal:
    """An unfinished swap: the folder names (inside the site's parent) it was moving."""

    new: str
    old: str | None


def journal_path(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}-publish.json"


def new_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-new-"


def old_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-old-"


@contextmanager
def exclusive(site_dir: Path) -> Iterator[None]:
    """Hold the site's folder for one build: wait for any other build of it, then repair what a killed
    build left (see ``recover``)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(site_dir.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("%s: 別の kpi build の終了を待っています", site_dir.parent)
            fcntl.flock(folder, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without locks (some network mounts): one build at a time is then on the user
        recover(site_dir)
        yield
    finally:
        os.close(folder)  # releases the lock


@contextmanager
def staged(site_dir: Path) -> Iterator[Path]:
    """A fresh ``.site-new-*`` to build into; published when the block succeeds, removed when it fails."""
    staging = Path(tempfile.mkdtemp(prefix=new_prefix(site_dir), dir=site_dir.parent))
    try:
        yield staging
        apply_umask(staging)
        swap_into_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Rename the old site away, the new one in, then delete the old: ``site_dir`` is never half-written,
    and a kill between the renames is repaired by the next build (the journal says what was moving)."""
    parent = site_dir.parent
    retired = _unused_name(parent, old_prefix(site_dir)) if site_dir.exists() else None
    _write_journal(site_dir, Journal(new=staging.name, old=retired.name if retired else None))
    if retired is not None:
        _rename(site_dir, retired)
    try:
        _rename(staging, site_dir)
    except OSError:
        if retired is not None:
            _rename(retired, site_dir)  # put the last good site back
        _remove_journal(site_dir)
        raise
    _sync(parent)
    _remove_journal(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def recover(site_dir: Path) -> list[str]:
    """Finish an interrupted swap and remove leftovers of killed builds; returns what was done."""
    parent = site_dir.parent
    done: list[str] = []
    journal = read_journal(site_dir)
    if journal is not None:
        new = parent / journal.new
        old = parent / journal.old if journal.old else None
        if new.is_dir():  # the journal is written only once the new site is complete: publish it
            if site_dir.exists():
                swap_into_place(new, site_dir)
            else:
                _rename(new, site_dir)
            done.append(f"完成していた新しいサイト {journal.new} を {site_dir.name}/ にしました")
        elif not site_dir.exists() and old is not None and old.is_dir():
            _rename(old, site_dir)
            done.append(f"前回のサイト {journal.old} を {site_dir.name}/ に戻しました")
        _remove_journal(site_dir)
    done.extend(_remove_leftovers(site_dir))
    if done:
        _sync(parent)
        log.info("中断されたビルドの後始末: %s", "、".join(done))
    return done


def read_journal(site_dir: Path) -> Journal | None:
    """The journal, or ``None`` if there is none or it is not one we wrote (then only leftovers are swept)."""
    data = regular_files.read_json(journal_path(site_dir))
    if not isinstance(data, dict):
        return None
    new, old = data.get("new"), data.get("old")
    # Only names of our own folders beside the site: a tampered journal cannot point anywhere else.
    if not isinstance(new, str) or not _ours(new, new_prefix(site_dir)):
        return None
    if old is not None and not (isinstance(old, str) and _ours(old, old_prefix(site_dir))):
        return None
    return Journal(new=new, old=old)


def apply_umask(folder: Path) -> None:
    """Folders 0777 and files 0666, less the umask — what ``mkdir`` and ``open`` would have given."""
    umask = current_umask()
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISDIR(mode):
            path.chmod(0o777 & ~umask)
        elif stat.S_ISREG(mode):
            path.chmod(0o666 & ~umask)


def current_umask() -> int:
    """The process umask, read without changing it (other threads may be creating files)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)  # no /proc: the only other way to read it is to set it
    os.umask(umask)
    return umask


def _remove_leftovers(site_dir: Path) -> list[str]:
    """Half-built sites go; a site left aside comes back if there is no site (a build killed between the
    renames by a version without the journal), otherwise it goes too."""
    parent = site_dir.parent
    done: list[str] = []
    for path in sorted(parent.glob(f"{new_prefix(site_dir)}*")):
        _remove(path)
        done.append(f"作りかけの {path.name} を削除しました")
    aside = sorted(parent.glob(f"{old_prefix(site_dir)}*"), key=_modified, reverse=True)
    if aside and not site_dir.exists() and aside[0].is_dir() and not aside[0].is_symlink():
        _rename(aside.pop(0), site_dir)
        done.append(f"退避されていたサイトを {site_dir.name}/ に戻しました")
    for path in aside:
        _remove(path)
        done.append(f"古い {path.name} を削除しました")
    journal = journal_path(site_dir)
    for path in [journal, *parent.glob(f"{journal.name}.*")]:  # not one of ours, or killed while written
        if path.exists() or path.is_symlink():
            _remove(path)
            done.append(f"読めないジャーナル {path.name} を削除しました")
    return done


def _write_journal(site_dir: Path, journal: Journal) -> None:
    """Written in full and fsynced (temp file, rename, folder fsync) before anything moves."""
    path = journal_path(site_dir)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"new": journal.new, "old": journal.old}, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    _sync(path.parent)


def _remove_journal(site_dir: Path) -> None:
    journal_path(site_dir).unlink(missing_ok=True)
    _sync(site_dir.parent)


def _rename(source: Path, target: Path) -> None:
    os.replace(source, target)


def _sync(folder: Path) -> None:
    """Make renames in ``folder`` durable (a no-op where folders cannot be fsynced)."""
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _unused_name(parent: Path, prefix: str) -> Path:
    made = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    made.rmdir()
    return made


def _ours(name: str, prefix: str) -> bool:
    return name.startswith(prefix) and "/" not in name and "\0" not in name


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _modified(path: Path) -> int:
    try:
        return path.lstat().st_mtime_ns
    except OSError:
        return 0
