"""The charts each page shows (drawn by :mod:`generator.render.charts`).

Each chart is a :class:`ChartJob`: a drawing function's name, its arguments and a key made of those
arguments and the chart code. Pages ask for jobs; :func:`draw_all` can draw the missing ones up front
in a worker process (a static SVG costs ~0.08 s), and a :class:`ChartCache` keeps them between
builds, so a rebuild after editing one KPI redraws only that KPI's chart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Protocol

from markupsafe import Markup

from ..model.kpi import Kpi
from ..model.measurement import Funnel, KpiMeasurement, SlaReport
from ..worker_pool import worker_pool

_CHART_CODE = ("charts.py", "chart_specs", "formatting.py")


class ChartCache(Protocol):
    def get(self, key: str) -> str | None: ...

    def put(self, key: str, html: str) -> None: ...

    def expect(self, job: ChartJob) -> None:
        """A page shows this chart: it must be drawn by the time markers are filled."""


@cache
def _chart_code_version() -> str:
    hasher = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for part in _CHART_CODE:
        target = root / part
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            hasher.update(path.name.encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


# Text about a KPI that no chart shows: editing a description must not redraw its chart.
TEXT_ONLY_KPI_FIELDS = frozenset(
    {
        "description",
        "denominator_note",
        "aliases",
        "references",
        "reviews",
        "terms",
        "owner",
        "checks",
        "pair",
    }
)


def _plain(value: object) -> object:
    if isinstance(value, Kpi):
        return value.model_dump(mode="json", exclude=set(TEXT_ONLY_KPI_FIELDS))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    model_dump = getattr(value, "model_dump", None)
    return model_dump(mode="json") if callable(model_dump) else str(value)


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: ``charts.<function>(*args)``, keyed by those arguments and the chart code."""

    function: str
    args: tuple[Any, ...]

    @cached_property  # hashing the arguments costs ~2 ms; pages and the store each ask
    def key(self) -> str:
        text = json.dumps(
            [self.function, _chart_code_version(), self.args],
            default=_plain,
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def draw(self) -> str:
        # Imported here: Altair and vl-convert cost ~1 s to import, and a rebuild whose charts all
        # come from the cache should not pay for them.
        from . import charts

        drawn: charts.ChartBlock | str | None = getattr(charts, self.function)(*self.args)
        if isinstance(drawn, str):  # the vega bundle: a script, not a chart
            return drawn
        return drawn.html if drawn is not None else ""


CHART_MARKER = re.compile(r"<!--kpi-chart:([0-9a-f]{64})-->")


def chart(job: ChartJob, store: ChartCache | None) -> Markup:
    """The chart for a page: with a store, a marker the site plugin replaces with the chart's HTML
    once the pages are built (Markdown and search need not parse a few hundred SVG elements per
    chart, and drawing overlaps with building); without one, the HTML itself."""
    if store is None:
        return Markup(job.draw())
    store.expect(job)
    return Markup(f"<!--kpi-chart:{job.key}-->")


def fill_charts(html: str, store: ChartCache) -> str:
    """Replace every chart marker in a built page with the chart's HTML."""
    return CHART_MARKER.sub(lambda match: store.get(match.group(1)) or "", html)


def _warm_up() -> None:
    """Import the chart code and vl-convert and start its JS runtime (the first chart costs ~0.6 s more)."""
    from . import charts

    charts.render_svg('{"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}')


def _draw(job: ChartJob) -> tuple[str, str]:
    return job.key, job.draw()


class ChartWorker:
    """A process that draws charts, started while the build measures so that its start-up (Python,
    the chart code, vl-convert's JS runtime: ~1 s) overlaps.

    Not a thread, even for one chart: vl-convert holds the GIL while it starts its runtime and while
    it draws, which stalled the build's own Python (config, Markdown, templates) — by ~0.9 s for the
    one chart of an edited KPI, and for as long as 52 charts took in a cold build.
    """

    def __init__(self) -> None:
        # Charts are needed only when the pages are written, measuring and the data checks before:
        # on a busy machine those go first, and the charts fill the gaps.
        self.pool = worker_pool(lower_priority=True)  # spawned; dies with the build
        self.pool.submit(_warm_up)

    def draw(self, jobs: list[ChartJob]) -> Iterator[tuple[str, str]]:
        """(key, HTML) per job, in order, each as soon as it and those before it are drawn."""
        return self.pool.map(_draw, jobs, chunksize=4)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def worth_a_worker(missing: int) -> bool:
    """Any chart to draw gets a worker, except on one core, where it could only take turns."""
    return missing > 0 and (os.cpu_count() or 1) >= 2


def draw_all(jobs: Iterable[ChartJob], store: ChartCache, worker: ChartWorker | None = None) -> int:
    """Draw every job missing from ``store``, in ``worker`` if given, else here; returns how many."""
    missing = {job.key: job for job in jobs if store.get(job.key) is None}
    if worker is None:
        for key, job in missing.items():
            store.put(key, job.draw())
    elif missing:
        for key, html in worker.draw(list(missing.values())):
            store.put(key, html)
    return len(missing)


# The browser's vega + vega-lite + vega-embed script (~1.5 s to make): drawn with the charts when
# a cold build needs it, so making it overlaps with the data checks too.
VEGA_BUNDLE_JOB = ChartJob("vega_bundle_text", ())


# --- What each page shows ---------------------------------------------------------------------------


def kpi_jobs(
    kpi: Kpi, measurement: KpiMeasurement | None, as_of: dt.date, maturity_days: int
) -> list[ChartJob]:
    """A KPI page's trend with its target band. Segments are tables: every chart costs build time."""
    if measurement is None or not measurement.series:
        return []
    return [ChartJob("trend_chart", (kpi, measurement, as_of, maturity_days))]


def funnel_jobs(funnel: Funnel, channel_names: Mapping[str, str]) -> dict[str, ChartJob]:
    jobs = {"by_channel": ChartJob("channel_conversion_chart", (funnel, dict(sorted(channel_names.items()))))}
    if funnel.overall:
        jobs["overall"] = ChartJob("funnel_chart", (funnel.overall,))
    return jobs


def sla_jobs(
    report: SlaReport, team_names: Mapping[str, str], target: float | None, as_of: dt.date | None = None
) -> dict[str, ChartJob]:
    names = dict(sorted(team_names.items()))
    return {
        "speed_to_lead": ChartJob("speed_to_lead_chart", (report,)),
        "by_week": ChartJob("compliance_by_week_chart", (report, target, as_of)),
        "by_team": ChartJob("compliance_by_team_chart", (report, names)),
        "score_distribution": ChartJob("score_distribution_chart", (report,)),
        "mql_agreement": ChartJob("mql_agreement_chart", (report,)),
    }


@dataclass(frozen=True)
class KpiCharts:
    trend: Markup


@dataclass(frozen=True)
class FunnelCharts:
    overall: Markup
    by_channel: Markup


@dataclass(frozen=True)
class SlaCharts:
    speed_to_lead: Markup
    by_week: Markup
    by_team: Markup
    score_distribution: Markup
    mql_agreement: Markup


def kpi_charts(
    kpi: Kpi,
    measurement: KpiMeasurement | None,
    as_of: dt.date,
    maturity_days: int,
    store: ChartCache | None = None,
) -> KpiCharts:
    jobs = kpi_jobs(kpi, measurement, as_of, maturity_days)
    return KpiCharts(chart(jobs[0], store) if jobs else Markup(""))


def funnel_charts(
    funnel: Funnel, channel_names: Mapping[str, str], store: ChartCache | None = None
) -> FunnelCharts:
    jobs = funnel_jobs(funnel, channel_names)
    overall = chart(jobs["overall"], store) if "overall" in jobs else Markup("")
    return FunnelCharts(overall, chart(jobs["by_channel"], store))


def sla_charts(
    report: SlaReport,
    team_names: Mapping[str, str],
    target: float | None,
    store: ChartCache | None = None,
    as_of: dt.date | None = None,
) -> SlaCharts:
    drawn = {name: chart(job, store) for name, job in sla_jobs(report, team_names, target, as_of).items()}
    return SlaCharts(**drawn)
