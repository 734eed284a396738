"""Hand-made measurements and check results for rendering tests (no engine, no data files)."""

from __future__ import annotations

import datetime as dt

from generator.model.check_result import CheckReport, CheckResult
from generator.model.issue import Location
from generator.model.measurement import (
    Funnel,
    FunnelStage,
    Histogram,
    KpiMeasurement,
    MeasurementSet,
    Point,
    SegmentValue,
    SlaReport,
    TreeNodeValue,
)
from generator.model.project import Project

AS_OF = dt.date(2026, 9, 30)
MONTHS = [(2026, m) for m in range(4, 10)]


def _value(kpi_id: str, unit: str, index: int) -> float:
    """A deterministic value per KPI and month that looks like its unit."""
    seed = sum(ord(c) for c in kpi_id) % 17
    if unit == "percent":
        return round(0.10 + 0.01 * ((seed + index) % 12), 4)
    if unit == "yen":
        return float(1_000_000 * (seed + 3 + index))
    if unit in ("hours", "days"):
        return float(seed + 2 + index)
    return float(40 * (seed + 1) + 5 * index)


def fake_measurements(project: Project) -> MeasurementSet:
    kpis = {}
    for loaded in project.kpis:
        kpi = loaded.spec
        series = tuple(
            Point(
                f"{y}-{m:02d}",
                dt.date(y, m, 1),
                _value(kpi.id, kpi.unit, i),
                numerator=30.0 + i if kpi.unit == "percent" else None,
                denominator=200.0 + i if kpi.unit == "percent" else None,
            )
            for i, (y, m) in enumerate(MONTHS)
        )
        segments = tuple(
            SegmentValue(
                dimension,
                key,
                _value(kpi.id + key, kpi.unit, 0),
                120.0 if key != "referral" else 3.0,
                suppressed=key == "referral",
            )
            for dimension in kpi.segments
            for key in (("webinar", "referral") if dimension == "channel" else ("it", "finance"))
        )
        kpis[kpi.id] = KpiMeasurement(kpi.id, kpi.grain, series, segments)
    tree = tuple(
        TreeNodeValue(
            k.spec.id,
            target=None,
            required=100.0,
            actual=series_last(kpis, k.spec.id),
            forecast=90.0,
            rounding="件数は切り上げ" if k.spec.unit == "count" else None,
        )
        for k in project.kpis
        if k.spec.tree.level in ("kgi", "kpi")
    )
    funnel = Funnel(
        overall=(
            FunnelStage("leads", 20000, None),
            FunnelStage("mql", 2500, 0.125),
            FunnelStage("sql", 500, 0.2),
            FunnelStage("opportunity", 300, 0.6),
            FunnelStage("won", 60, 0.2),
        ),
        by_channel={
            "webinar": (FunnelStage("leads", 5000, None), FunnelStage("mql", 800, 0.16)),
            "ads": (FunnelStage("leads", 8000, None), FunnelStage("mql", 600, 0.075)),
        },
    )
    slas = tuple(
        SlaReport(
            sla_id=s.spec.id,
            deadline_business_hours=s.spec.response_deadline.business_hours,
            speed_to_lead_hours=Histogram((0, 4, 8, 16, 40), (120, 60, 30, 10)),
            compliance_by_week=(Point("2026-W38", dt.date(2026, 9, 14), 0.82, 41, 50),),
            compliance_by_team=(
                SegmentValue("owner_team", "is_east", 0.85, 120.0),
                SegmentValue("owner_team", "is_west", None, 4.0, suppressed=True),
            ),
            score_distribution=Histogram((0, 20, 40, 60, 80, 100), (500, 300, 150, 60, 20)),
            threshold=s.spec.scoring.threshold,
            recorded_mqls=230,
            rule_derived_mqls=250,
            both=210,
        )
        for s in project.slas
    )
    return MeasurementSet(AS_OF, "fingerprint-0001", kpis, tree, funnel, slas)


def series_last(kpis: dict[str, KpiMeasurement], kpi_id: str) -> float | None:
    latest = kpis[kpi_id].latest
    return latest.value if latest else None


def fake_checks(project: Project) -> CheckReport:
    results = [
        CheckResult(
            "table:leads:unique:lead_id",
            "table",
            "leads",
            "unique",
            "lead_id",
            True,
            0,
            20000,
            "leads.lead_id は一意です",
            "leads.lead_id is unique",
            Location("definitions/sources.yml", 40, 9),
        ),
        CheckResult(
            "table:leads:freshness:created_at",
            "table",
            "leads",
            "freshness",
            "created_at",
            False,
            1,
            1,
            "leads.created_at の最新日が古すぎます(9日前)",
            "leads.created_at is stale",
            Location("definitions/sources.yml", 48, 9),
        ),
    ]
    for loaded in project.kpis:
        for position, check in enumerate(loaded.spec.checks):
            results.append(
                CheckResult(
                    f"kpi:{loaded.spec.id}:{check.check}",
                    "kpi",
                    loaded.spec.id,
                    check.check,
                    None,
                    True,
                    0,
                    6,
                    f"{loaded.spec.id} の {check.check} は合格",
                    "passed",
                    loaded.at("checks", position),
                )
            )
    return CheckReport(tuple(results))
