"""The KPI index (every KPI by funnel stage) and the maturity phases (which KPIs to watch when)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..environment import render
from ..formatting import PHASE_LABELS, PHASE_ORDER, STAGE_LABELS, STAGE_ORDER, progress_bar
from ..inputs import SiteInputs
from ..links import KPI_INDEX, PHASES, SLA_INDEX, Links
from ..text import md_link
from ..views import KpiView, kpi_views, team_name

PHASE_DESCRIPTIONS = {
    "getting_started": (
        "プロセスを見えるようにする段階。獲得リード数・保有リード数・メールの開封率やクリック率を見ます。"
    ),
    "operating": "効率と質を高め、SLA を運用する段階。MQL・SQL・商談化率・CPL を見ます。",
    "advanced": "投資判断に使う段階。マーケティング由来売上・ROI・LTV・CAC を見ます。",
}
# A phase is in place when this share of its KPIs has data and is not off track.
ESTABLISHED_SHARE = 2 / 3


@dataclass(frozen=True)
class IndexRow:
    view: KpiView
    link: Markup
    owner: str


@dataclass(frozen=True)
class StageGroup:
    label: str
    rows: list[IndexRow]


@dataclass(frozen=True)
class PhaseSection:
    phase: str
    label: str
    description: str
    rows: list[IndexRow]
    healthy: int
    bar: str
    established: bool


def _rows(views: list[KpiView], inputs: SiteInputs, links: Links) -> list[IndexRow]:
    return [
        IndexRow(v, v.link(links), f"{team_name(inputs.project, v.kpi.owner.team)} / {v.kpi.owner.person}")
        for v in views
    ]


def render_kpi_index(inputs: SiteInputs) -> str:
    links = Links(KPI_INDEX)
    views = kpi_views(inputs)
    groups = [
        StageGroup(STAGE_LABELS[stage], _rows([v for v in views if v.kpi.stage == stage], inputs, links))
        for stage in STAGE_ORDER
    ]
    return render("kpi_index.md.j2", groups=[g for g in groups if g.rows], total=len(views))


def _healthy(view: KpiView) -> bool:
    return view.status.code in ("on_track", "at_risk", "no_target")


def phase_sections(inputs: SiteInputs, links: Links) -> list[PhaseSection]:
    views = kpi_views(inputs)
    sections = []
    for phase in PHASE_ORDER:
        members = [v for v in views if v.kpi.phase == phase]
        healthy = sum(1 for v in members if _healthy(v))
        established = bool(members) and healthy >= ESTABLISHED_SHARE * len(members)
        sections.append(
            PhaseSection(
                phase=phase,
                label=PHASE_LABELS[phase],
                description=PHASE_DESCRIPTIONS[phase],
                rows=_rows(members, inputs, links),
                healthy=healthy,
                bar=progress_bar(healthy, len(members)),
                established=established,
            )
        )
    return sections


def current_phase(sections: list[PhaseSection]) -> PhaseSection | None:
    """The first phase not yet in place: where the team stands and should focus."""
    return next((s for s in sections if not s.established), None)


def render_phases(inputs: SiteInputs) -> str:
    links = Links(PHASES)
    sections = phase_sections(inputs, links)
    return render(
        "phases.md.j2",
        sections=sections,
        current=current_phase(sections),
        share=f"{ESTABLISHED_SHARE:.0%}",
    )


def render_sla_index(inputs: SiteInputs) -> str:
    links = Links(SLA_INDEX)
    slas = [
        (md_link(s.spec.name, links.sla(s.spec.id)), s.spec)
        for s in sorted(inputs.project.slas, key=lambda s: s.spec.id)
    ]
    return render("sla_index.md.j2", slas=slas)
