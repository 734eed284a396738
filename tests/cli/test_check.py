"""``kpi check`` end to end, as a subprocess: the shipped catalogue, corrupted copies of it, every format."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.pipeline import Workspace

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TARGET = "metrics/mql_to_sql_rate.yml"  # the exemplar KPI every catalogue ships
LINE = re.compile(
    r"^(?P<where>\S+:\d+:\d+): (?P<code>[A-Z]+\d+) (?P<warning>\[警告\] |\[warning\] )?(?P<message>.+)$"
)


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def errors(self) -> list[str]:
        """``file:line:col CODE`` of every error line of the text report."""
        found = [LINE.match(line) for line in self.stdout.splitlines()]
        return [f"{m['where']} {m['code']}" for m in found if m and not m["warning"]]

    def message(self, where_code: str) -> str:
        where, code = where_code.split(" ")
        for line in self.stdout.splitlines():
            match = LINE.match(line)
            if match and match["where"] == where and match["code"] == code:
                return match["message"]
        raise AssertionError(f"{where_code} not in output:\n{self.stdout}")


def kpi_check(project: Path, *options: str, cwd: Path = ROOT) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--project", str(project), *options],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )
    assert "Traceback" not in done.stdout + done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    project = tmp_path / "shipped"
    for folder in ("metrics", "definitions"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    return project


def test_the_shipped_catalogue_passes(shipped: Path) -> None:
    run = kpi_check(shipped)
    assert run.errors() == []
    assert run.returncode == 0, run.stdout
    assert run.stdout.splitlines()[-1].startswith("問題はありません")


# --- corrupted copies of the shipped catalogue -------------------------------------------------


def _append(project: Path, text: bytes) -> int:
    """Append to the target file; returns the number of the first appended line."""
    path = project / TARGET
    original = path.read_bytes()
    assert original.endswith(b"\n")
    path.write_bytes(original + text)
    return original.count(b"\n") + 1


def test_syntax_error(shipped: Path) -> None:
    line = _append(shipped, "rationale_note: 逆算: SQL 100件\n".encode())
    run = kpi_check(shipped)
    assert run.returncode == 1
    assert run.errors() == [f"{TARGET}:{line}:19 YAML002"]
    assert "インデントと「:」の後の空白を確認してください" in run.message(f"{TARGET}:{line}:19 YAML002")


def test_duplicate_key(shipped: Path) -> None:
    first = next(
        i
        for i, text in enumerate((shipped / TARGET).read_text("utf-8").splitlines(), 1)
        if text.startswith("name:")
    )
    line = _append(shipped, "name: もう一つの名前\n".encode())
    run = kpi_check(shipped)
    assert run.returncode == 1
    assert run.errors() == [f"{TARGET}:{line}:1 YAML004"]
    assert f"{first} 行目にもあります" in run.message(f"{TARGET}:{line}:1 YAML004")


def test_alias(shipped: Path) -> None:
    line = _append(shipped, b"copy_a: &c {x: 1}\ncopy_b: *c\n")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:{line + 1}:9 YAML003"])


def test_python_object_tag(shipped: Path) -> None:
    line = _append(shipped, b"hook: !!python/object/apply:os.system [echo hacked]\n")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:{line}:7 YAML008"])
    assert "hacked" not in run.stderr


def test_empty_file(shipped: Path) -> None:
    (shipped / TARGET).write_bytes(b"")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:1:1 YAML005"])
    assert "ファイルが空です" in run.message(f"{TARGET}:1:1 YAML005")


def test_non_utf8_bytes(shipped: Path) -> None:
    line = _append(shipped, b"note: " + "日本語".encode("shift_jis") + b"\n")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:{line}:7 YAML001"])
    assert "UTF-8 で保存し直してください" in run.message(f"{TARGET}:{line}:7 YAML001")


def test_a_list_instead_of_the_file_mapping(shipped: Path) -> None:
    (shipped / TARGET).write_text("- id: mql_to_sql_rate\n  name: MQL→SQL転換率\n", encoding="utf-8")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:1:1 YAML009"])


def test_a_list_where_a_mapping_belongs(shipped: Path) -> None:
    assert "\nparams:" not in (shipped / TARGET).read_text("utf-8")
    line = _append(shipped, b"params:\n  - 0.5\n")
    run = kpi_check(shipped)
    assert (run.returncode, run.errors()) == (1, [f"{TARGET}:{line + 1}:3 SCHEMA001"])


def test_kpi_with_its_checks_removed(shipped: Path) -> None:
    lines = (shipped / TARGET).read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, text in enumerate(lines) if text.startswith("checks:"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "-"))), len(lines))
    (shipped / TARGET).write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    top = next(i for i, text in enumerate(lines, 1) if text.strip() and not text.startswith("#"))
    run = kpi_check(shipped)
    assert run.returncode == 1
    expected = f"{TARGET}:{top}:1 KPI003"
    assert expected in run.errors()
    # Checklist evidence that names this KPI's checks fails too, and nothing else does.
    assert all(error == expected or error.endswith(" CHK001") for error in run.errors())
    assert "mql_to_sql_rate" in run.message(expected)


# --- formats, languages, exit codes, on the minimal fixture -------------------------------------


def _pair_typo(project: Path) -> None:
    path = project / "metrics/mql_count.yml"
    path.write_text(path.read_text("utf-8").replace("pair: mql_to_sql_rate", "pair: mql_sql_rate"), "utf-8")


def test_text_report_in_english(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(minimal, "--lang", "en")
    assert run.returncode == 1
    assert run.stdout == (
        "metrics/mql_count.yml:34:7: KPI005 pair KPI 'mql_sql_rate' is not in metrics/"
        " (did you mean 'mql_to_sql_rate'?) — name an existing KPI id\n"
        "1 error(s), 0 warning(s) (17 files: 11 KPIs, 1 SLAs, 1 checklists, 6 checklist items,"
        " 5 terms, 3 teams, 5 tables, 4 KSFs)\n"
    )


def test_text_report_in_japanese_by_default(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(minimal)
    assert run.stdout.splitlines() == [
        "metrics/mql_count.yml:34:7: KPI005 pair の KPI「mql_sql_rate」が metrics/ にありません"
        "(「mql_to_sql_rate」の間違いですか?) — 既存の KPI の id を書いてください",
        "エラー 1 件、警告 0 件(17 ファイル: KPI 11、SLA 1、チェックリスト 1、"
        "チェック項目 6、用語 5、チーム 3、テーブル 5、KSF 4)",
    ]


def test_json_report(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(minimal, "--format", "json")
    report = json.loads(run.stdout)
    assert run.returncode == 1
    assert report["ok"] is False
    assert report["counts"]["kpis"] == 11 and report["files"] == 17
    assert (report["error_count"], report["warning_count"], report["warnings"]) == (1, 0, [])
    error = report["errors"][0]
    assert {k: error[k] for k in ("file", "line", "column", "code", "severity")} == {
        "file": "metrics/mql_count.yml",
        "line": 34,
        "column": 7,
        "code": "KPI005",
        "severity": "error",
    }
    assert error["message"] == error["message_ja"]


def test_github_annotations(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(minimal, "--format", "github", "--lang", "en")
    assert run.stdout.splitlines()[0] == (
        "::error file=metrics/mql_count.yml,line=34,col=7,title=KPI005::pair KPI 'mql_sql_rate' is not in"
        " metrics/ (did you mean 'mql_to_sql_rate'?) — name an existing KPI id"
    )


def test_github_paths_are_relative_to_the_working_directory(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(Path("minimal"), "--format", "github", cwd=minimal.parent)
    assert run.stdout.startswith("::error file=minimal/metrics/mql_count.yml,line=34,col=7,title=KPI005::")


def test_warnings_fail_only_with_strict(minimal: Path) -> None:
    path = minimal / "metrics/deals_won.yml"
    path.write_text(path.read_text("utf-8").replace("pair: sql_to_won_rate\n", ""), "utf-8")
    relaxed = kpi_check(minimal, "--lang", "en")
    assert relaxed.returncode == 0
    assert relaxed.stdout.splitlines()[0] == (
        "metrics/deals_won.yml:6:7: KPI006 [warning] volume KPI 'deals_won' has no paired quality KPI"
        " — set pair to a KPI such as a conversion rate so volume is not chased alone"
    )
    assert kpi_check(minimal, "--strict").returncode == 1


def test_clean_project_exits_zero(minimal: Path) -> None:
    run = kpi_check(minimal)
    assert (run.returncode, run.stderr) == (0, "")


def test_missing_project_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    run = kpi_check(tmp_path / "nowhere", "--lang", "en")
    assert run.returncode == 2
    assert run.stderr == f"{tmp_path / 'nowhere'}: no such folder — pass the project folder with --project\n"


def test_data_checks_are_not_run_on_broken_definitions(minimal: Path) -> None:
    _pair_typo(minimal)
    run = kpi_check(minimal, "--data", "--lang", "en")
    assert run.returncode == 1
    assert "data checks were not run because the definitions have errors" in run.stderr


def test_the_check_imports_no_data_stack(minimal: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.commands.check import run_check\n"
        "from generator.pipeline import Workspace\n"
        f"code = run_check(Workspace(Path({str(minimal)!r})), 'json', False, False)\n"
        "heavy = {'pandas', 'duckdb', 'great_expectations', 'altair', 'pyarrow', 'vl_convert'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}), code, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.stderr.strip() == "[] 0"


def test_an_unexpected_failure_is_a_message_and_exit_2(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.commands import check

    def explode(workspace: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(check, "load", explode)
    assert check.run_check(Workspace(minimal, lang="en"), "text", False, False) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "kpi check stopped on an internal error (RuntimeError: disk on fire)"
        " — please report it with this output\n"
    )
