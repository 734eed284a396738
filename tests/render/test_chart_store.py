"""Charts drawn in the background of a build: only the missing ones, each exactly once, none lost."""

from __future__ import annotations

import threading
from pathlib import Path

from render_fakes import fake_measurements

from generator.loading.catalogue import load_catalogue
from generator.loading.source_tree import DirectoryTree
from generator.render.chart_slots import ChartJob, ChartWorker, chart, draw_all, fill_charts, sla_jobs
from generator.render.pages.sla import sla_team_names
from generator.render.site_pages import chart_jobs
from generator.site.cache import ChartStore, StageCache

REPO = Path(__file__).resolve().parents[2]


def trend_jobs(count: int) -> list[ChartJob]:
    project = load_catalogue(DirectoryTree(REPO)).project
    jobs = [job for job in chart_jobs(project, fake_measurements(project)) if job.function == "trend_chart"]
    return jobs[:count]


def test_draw_all_draws_only_the_charts_missing_from_the_store(tmp_path: Path) -> None:
    first, second, third = trend_jobs(3)
    store = ChartStore(StageCache(tmp_path))
    store.put(first.key, "<div>kept</div>")
    assert draw_all([first, second, third], store) == 2
    assert store.get(first.key) == "<div>kept</div>"
    for job in (second, third):
        drawn = store.get(job.key)
        assert drawn is not None and drawn.startswith('<div class="kpi-chart"') and "<svg" in drawn
    assert draw_all([first, second, third], store) == 0
    # Kept on disk for the next build, under the chart's key.
    assert (tmp_path / "charts" / f"{second.key}.html").read_text(encoding="utf-8") == store.get(second.key)


def test_a_page_marker_is_filled_with_the_chart_a_worker_drew(tmp_path: Path) -> None:
    (job,) = trend_jobs(1)
    store = ChartStore(StageCache(tmp_path))
    page = f"<p>前</p>{chart(job, store)}<p>後</p>"
    assert page == f"<p>前</p><!--kpi-chart:{job.key}--><p>後</p>"
    worker = ChartWorker()  # a process, as in a cold build
    try:
        store.drawing = threading.Thread(target=draw_all, args=([job], store, worker))
        store.drawing.start()
        assert store.wait_for(job.key) == job.draw()  # the same bytes as drawn here
        store.finish()
    finally:
        worker.close()
    filled = fill_charts(page, store)
    assert filled.startswith("<p>前</p><div") and filled.endswith("</div><p>後</p>")
    assert "kpi-chart:" not in filled and "<svg" in filled


def test_finish_draws_an_expected_chart_the_background_did_not(tmp_path: Path) -> None:
    (job,) = trend_jobs(1)
    store = ChartStore(StageCache(tmp_path))
    chart(job, store)  # a page asked for it; nothing drew it
    store.finish()
    assert store.get(job.key) == job.draw()


def test_the_sla_charts_drawn_ahead_are_the_ones_the_sla_page_shows() -> None:
    # The SLA page draws its weekly chart with the compliance KPI's target (metrics/sla_compliance.yml:
    # 90%); drawn ahead without it, the page would miss the store and draw that chart a second time.
    project = load_catalogue(DirectoryTree(REPO)).project
    measurements = fake_measurements(project)
    (report,) = measurements.slas
    on_page = sla_jobs(report, sla_team_names(project, report), 0.9, measurements.as_of)
    ahead = {job.key for job in chart_jobs(project, measurements)}
    assert {job.key for job in on_page.values()} <= ahead
