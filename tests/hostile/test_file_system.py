"""File-system oddities named like definitions: refused with file:line, never read, never skipped."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.loading.safe_files import FileRefused, read_definition
from generator.loading.safe_yaml import MAX_FILE_BYTES

from .kit import assert_refused_well, kpi_check, sandbox

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs need a POSIX system")


def _link(target: str) -> Callable[[Path, Path], None]:
    def make(project: Path, path: Path) -> None:
        path.symlink_to(target)

    return make


def _fifo(project: Path, path: Path) -> None:
    os.mkfifo(path)


def _folder(project: Path, path: Path) -> None:
    path.mkdir()


def _loop(project: Path, path: Path) -> None:
    path.symlink_to(path.name)


def _sparse_gigabyte(project: Path, path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(1 << 30)  # 1 GiB of nothing on disk: only its size says how big it is


def _link_to_outside_folder(project: Path, path: Path) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("id: secret\n", encoding="utf-8")
    path.symlink_to(outside / "secret.yml")


def _link_up_and_back(project: Path, path: Path) -> None:
    path.symlink_to(f"../../{project.name}/../secret.yml")
    (project.parent / "secret.yml").write_text("id: secret\n", encoding="utf-8")


CASES = {
    "link_to_etc_passwd": ("metrics/evil.yml", _link("/etc/passwd"), "FILE002"),
    "link_to_proc_environ": ("metrics/env.yml", _link("/proc/self/environ"), "FILE002"),
    "link_to_a_file_beside_the_project": ("metrics/near.yml", _link_to_outside_folder, "FILE002"),
    "link_climbing_out_and_back": ("metrics/climb.yml", _link_up_and_back, "FILE002"),
    "broken_link": ("metrics/broken.yml", _link("/nonexistent/kpi.yml"), "FILE003"),
    "looping_link": ("metrics/loop.yml", _loop, "FILE003"),
    "fifo_in_metrics": ("metrics/pipe.yml", _fifo, "FILE004"),
    "fifo_as_required_glossary": ("definitions/glossary.yml", _fifo, "FILE004"),
    "folder_named_yml": ("metrics/folder.yml", _folder, "FILE004"),
    "link_to_dev_zero": ("definitions/sla/zero.yml", _link("/dev/zero"), "FILE002"),
    "sparse_1_gib_file": ("metrics/huge.yml", _sparse_gigabyte, "YAML006"),
}


@needs_posix
@pytest.mark.timeout(30)  # a FIFO opened without O_NONBLOCK would hang here
@pytest.mark.parametrize("name", sorted(CASES))
def test_odd_entry_is_refused_with_a_location(tmp_path: Path, name: str) -> None:
    relative, make, code = CASES[name]
    project = sandbox(tmp_path)
    path = project / relative
    if path.exists():
        path.unlink()
    make(project, path)
    checked = kpi_check(project)
    assert_refused_well(checked, code, f"{relative}:1")
    assert "root:" not in checked.output and "id: secret" not in checked.output


def test_yaml_extension_is_reported_not_ignored(tmp_path: Path) -> None:
    project = sandbox(tmp_path)
    (project / "metrics/mql_count.yml").rename(project / "metrics/mql_count.yaml")
    checked = kpi_check(project)
    assert_refused_well(checked, "FILE006", "metrics/mql_count.yaml:1")
    assert "rename it to metrics/mql_count.yml" in checked.output
    # The KPI is known to exist under its intended name: no cascade of "unknown KPI" errors.
    assert checked.output.count(" error(s)") == 1 and checked.output.splitlines()[-1].startswith("1 error(s)")


@needs_posix
def test_a_link_inside_the_project_is_followed(tmp_path: Path) -> None:
    project = sandbox(tmp_path)
    shared = project / "shared"
    shared.mkdir()
    (project / "metrics/mql_count.yml").rename(shared / "mql_count.yml")
    (project / "metrics/mql_count.yml").symlink_to("../shared/mql_count.yml")
    assert kpi_check(project).exit_code == 0


def test_the_size_is_known_before_reading(tmp_path: Path) -> None:
    project = sandbox(tmp_path)
    with (project / "metrics/big.yml").open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(FileRefused) as refused:
        read_definition(project, "metrics/big.yml")
    assert (refused.value.code, refused.value.message_en) == (
        "YAML006",
        "file too large (1,000,001 bytes, limit 1,000,000) — split it",
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    project = sandbox(tmp_path)
    (project / "metrics/mql_count.yml").chmod(0)
    assert_refused_well(kpi_check(project), "FILE005", "metrics/mql_count.yml:1")
