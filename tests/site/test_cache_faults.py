"""Damaged caches are misses: the right JSON in the wrong shape, a FIFO, a folder, a digest memo gone stale.

Every reader of ``.cache`` (and of the last site's summary) is tried; none may raise or block.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from mkdocs.structure.files import Files

from generator.model.measurement import MeasurementSet
from generator.site import build_memo, history
from generator.site.cache import ChartStore, StageCache
from generator.site.fingerprints import digest, file_digests
from generator.site.previous import read_previous

NO_FILES = cast(Files, SimpleNamespace())  # _restore never asks it for a page with no links


def returns_without_blocking(read: Callable[[], Any]) -> Any:
    """``read()``'s value; fails (instead of hanging the suite) if it blocks, e.g. opening a FIFO."""
    found: list[Any] = []
    thread = threading.Thread(target=lambda: found.append(read()), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the reader blocked"
    return found[0]


def a_fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def test_a_fifo_in_the_cache_is_refused_by_every_reader(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    a_fifo(tmp_path / "measurements/k.json")
    a_fifo(tmp_path / "pages/p.json")
    a_fifo(tmp_path / "charts/c.html")
    assert returns_without_blocking(lambda: cache.load("measurements", "k", MeasurementSet)) is None
    assert returns_without_blocking(lambda: cache.read_json("pages", "p.json")) is None
    assert returns_without_blocking(lambda: ChartStore(cache).get("c")) is None


def test_a_folder_where_an_entry_goes_is_a_miss_and_storing_over_it_fails_quietly(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    (tmp_path / "history/h.json").mkdir(parents=True)
    assert cache.read_text("history", "h.json") is None
    cache.write_text("history", "h.json", "{}")
    assert sorted(p.name for p in (tmp_path / "history").iterdir()) == ["h.json"]  # no temp file left


def test_a_dangling_entry_does_not_stop_storing(tmp_path: Path) -> None:
    cache = StageCache(tmp_path)
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks/gone.json").symlink_to(tmp_path / "nowhere.json")
    for n in range(8):  # more than are kept: pruning stats every entry
        cache.store("checks", f"k{n}", {"n": n})
    assert cache.read_json("checks", "k7.json") == {"n": 7}


def test_the_previous_sites_summary_as_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    a_fifo(tmp_path / "site/assets/kpi-summary.json")
    assert returns_without_blocking(lambda: read_previous(tmp_path / "site")) is None


@pytest.mark.parametrize("value", [10**400, 1e400, "1"])
def test_a_previous_summary_with_odd_numbers_compares_nothing_for_them(tmp_path: Path, value: object) -> None:
    summary = tmp_path / "site/assets/kpi-summary.json"
    summary.parent.mkdir(parents=True)
    summary.write_text(json.dumps({"kpis": {"a": {"value": value, "period": "2026-09"}}}), encoding="utf-8")
    previous = read_previous(tmp_path / "site")
    assert previous is not None and previous.kpis["a"].value is None


def page() -> Any:
    return SimpleNamespace(content="before", toc=None, _title_from_render=None)


REMEMBERED = {"content": "<p>x</p>", "toc": [], "title": "T", "anchors": ["a"], "links": {}}


@pytest.mark.parametrize(
    "remembered",
    [
        {key: value for key, value in REMEMBERED.items() if key != "content"},  # KeyError: 'content' before
        {**REMEMBERED, "toc": [{"title": "t"}]},
        {**REMEMBERED, "toc": [{"title": 1, "id": "x", "level": 2, "children": []}]},
        {**REMEMBERED, "links": ["x.md"]},
        {**REMEMBERED, "anchors": 3},
        {**REMEMBERED, "content": 5},
        [REMEMBERED],
        None,
    ],
)
def test_a_remembered_page_of_the_wrong_shape_is_converted_again(remembered: Any) -> None:
    target = page()
    assert build_memo._restore(target, remembered, files=NO_FILES) is False
    assert target.content == "before"  # untouched


def test_a_remembered_page_of_the_right_shape_is_restored() -> None:
    target = page()
    assert build_memo._restore(target, REMEMBERED, files=NO_FILES) is True
    assert (target.content, target._title_from_render, target.present_anchor_ids) == ("<p>x</p>", "T", {"a"})


def test_remembered_search_entries_of_the_wrong_shape_are_a_miss() -> None:
    assert build_memo._search_entries([{"location": "a/", "title": "A", "text": ""}])
    assert not build_memo._search_entries([1])
    assert not build_memo._search_entries([{"location": "a/"}])
    assert not build_memo._search_entries({"location": "a/", "title": "A", "text": ""})


def test_a_damaged_compiled_template_is_compiled_again(tmp_path: Path) -> None:
    from jinja2 import DictLoader, Environment

    env = Environment(loader=DictLoader({"t.html": "{{ 1 + 1 }}"}))
    build_memo.use_bytecode_cache(env, tmp_path)
    assert env.get_template("t.html").render() == "2"
    (entry,) = tmp_path.iterdir()
    magic = entry.read_bytes()[:8]
    entry.write_bytes(magic + b"not a pickle")  # Jinja's own cache raises UnpicklingError here
    fresh = Environment(loader=DictLoader({"t.html": "{{ 1 + 1 }}"}))
    build_memo.use_bytecode_cache(fresh, tmp_path)
    assert fresh.get_template("t.html").render() == "2"
    entry.unlink()
    a_fifo(entry)
    again = Environment(loader=DictLoader({"t.html": "{{ 1 + 1 }}"}))
    build_memo.use_bytecode_cache(again, tmp_path)
    assert returns_without_blocking(lambda: again.get_template("t.html").render()) == "2"


@pytest.mark.parametrize(
    "cached",
    [
        {"mql": [{"commit": "abc"}]},
        {"mql": [1]},
        {"mql": [{**dict.fromkeys(("commit", "author", "date", "subject"), "x"), "extra": "y"}]},
    ],
)
def test_a_cached_history_of_the_wrong_shape_asks_git_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: object
) -> None:
    from generator.render.inputs import Change

    cache = StageCache(tmp_path / "cache")
    monkeypatch.setattr(history, "head_commit", lambda project_dir: "c0ffee")
    key = digest("history", "c0ffee", {"mql": "metrics/mql.yml"})
    cache.write_text("history", f"{key}.json", json.dumps(cached))
    change = Change(commit="1234567", author="a", date="2026-09-01", subject="s")
    monkeypatch.setattr(history, "file_history", lambda project_dir, path: (change,))
    assert history.definition_history(tmp_path, {"mql": "metrics/mql.yml"}, cache) == {"mql": (change,)}


def test_the_same_bytes_as_csv_and_as_parquet_are_different_inputs(tmp_path: Path) -> None:
    csv_bytes = b"deal_id,amount\n1,100\n"
    (tmp_path / "deals.csv").write_bytes(csv_bytes)
    (tmp_path / "renamed").mkdir()
    (tmp_path / "renamed/deals.parquet").write_bytes(csv_bytes)  # cannot be read as Parquet
    as_csv = file_digests({"deals": tmp_path / "deals.csv"}, {})
    as_parquet = file_digests({"deals": tmp_path / "renamed/deals.parquet"}, {})
    assert as_csv != as_parquet


def test_a_file_rewritten_with_its_old_size_and_mtime_is_read_again(tmp_path: Path) -> None:
    data = tmp_path / "leads.csv"
    data.write_bytes(b"lead_id\n1\n")
    memo: dict[str, Any] = {}
    first = file_digests({"leads": data}, memo)
    stat = data.stat()
    data.write_bytes(b"lead_id\n2\n")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # `touch -r`, or a copy keeping times
    assert file_digests({"leads": data}, memo) != first


def test_a_digest_memo_of_the_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    data = tmp_path / "leads.csv"
    data.write_bytes(b"lead_id\n1\n")
    stat = data.stat()
    expected = file_digests({"leads": data}, {})
    for stale in ([stat.st_size, stat.st_mtime_ns], [stat.st_size, stat.st_mtime_ns, None], "x"):
        memo: dict[str, Any] = {str(data.resolve()): stale}
        assert file_digests({"leads": data}, memo) == expected
