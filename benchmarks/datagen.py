"""Synthetic data at national scale for benchmarks: regions × TAs × quarters × RK lines.

Writes straight through bulk_create (no history: this is throwaway benchmark data in TAs far
from the real ones, removed again by `cleanup`). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from allocations.choices import ProcurementStage
from allocations.models import (
    ActivityMenu,
    ActivityTarget,
    Allocation,
    FiscalYear,
    PlannedActivity,
    Region,
)
from dakmonev import figures_version
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport, ReportLine

BENCH_FIRST_YEAR = 2040  # benchmark TAs start here, far from real and demo years
BATCH = 5000


@dataclass
class Generated:
    years: list[int]
    regions: int
    allocations: int
    activities: int
    reports: int
    lines: int


def bench_years(n_years: int) -> list[int]:
    return list(range(BENCH_FIRST_YEAR + 1, BENCH_FIRST_YEAR + 1 + n_years))


@transaction.atomic
def generate(
    *,
    regions: int,
    years: list[int],
    lines_per_region: int = 20,
    quarters: int = 4,
    seed: int = 2026,
) -> Generated:
    """Allocations, RK lines and one verified report per region, TA and quarter."""
    figures_version.bump()  # bulk writes send no model signals
    rng = random.Random(seed)
    region_ids = list(
        Region.objects.kabkota().order_by("code").values_list("id", flat=True)[:regions]
    )
    menus = list(ActivityMenu.objects.values_list("id", flat=True))
    stages = [ProcurementStage.KONTRAK, ProcurementStage.PELAKSANAAN, ProcurementStage.SELESAI]
    counts = Generated(
        years=years, regions=len(region_ids), allocations=0, activities=0, reports=0, lines=0
    )
    for year in years:
        fy, _ = FiscalYear.objects.get_or_create(
            year=year, defaults={"notes": "benchmark (sintetis)"}
        )
        allocations = [
            Allocation(
                region_id=rid,
                fiscal_year=fy,
                is_synthetic=True,
                pagu=Decimal(lines_per_region * 100_000_000),
            )
            for rid in region_ids
        ]
        Allocation.objects.bulk_create(allocations, batch_size=BATCH)
        allocations = list(Allocation.objects.filter(fiscal_year=fy).only("id", "region_id"))
        activities = [
            PlannedActivity(
                allocation_id=a.id,
                code=f"RK-{i:02d}",
                menu_id=menus[i % len(menus)],
                description=f"Kegiatan sintetis {i}",
                unit="paket",
                pagu=Decimal(100_000_000),
                procurement_stage=stages[i % 3],
            )
            for a in allocations
            for i in range(1, lines_per_region + 1)
        ]
        PlannedActivity.objects.bulk_create(activities, batch_size=BATCH)
        acts_by_alloc: dict[int, list[int]] = {}
        for act_id, alloc_id in PlannedActivity.objects.filter(
            allocation__fiscal_year=fy
        ).values_list("id", "allocation_id"):
            acts_by_alloc.setdefault(alloc_id, []).append(act_id)
        # Every line planned for every quarter, so the figures' plan sums are measured at full size.
        ActivityTarget.objects.bulk_create(
            (
                ActivityTarget(
                    activity_id=act_id,
                    quarter=q,
                    target_physical_pct=Decimal(25 * q),
                    target_financial=Decimal(25_000_000 * q),
                )
                for ids in acts_by_alloc.values()
                for act_id in ids
                for q in range(1, 5)
            ),
            batch_size=BATCH,
        )
        reports = [
            QuarterlyReport(
                region_id=a.region_id,
                fiscal_year=fy,
                quarter=q,
                version=1,
                is_current=True,
                status=ReportStatus.VERIFIED,
                is_synthetic=True,
            )
            for a in allocations
            for q in range(1, quarters + 1)
        ]
        QuarterlyReport.objects.bulk_create(reports, batch_size=BATCH)
        report_ids = {
            (r.region_id, r.quarter): r.id
            for r in QuarterlyReport.objects.filter(fiscal_year=fy).only(
                "id", "region_id", "quarter"
            )
        }
        lines = []
        for a in allocations:
            share = rng.uniform(0.6, 1.0)
            for q in range(1, quarters + 1):
                done = Decimal(str(round(share * q / quarters, 4)))
                for act_id in acts_by_alloc[a.id]:
                    lines.append(
                        ReportLine(
                            report_id=report_ids[(a.region_id, q)],
                            activity_id=act_id,
                            procurement_stage=ProcurementStage.PELAKSANAAN,
                            financial_realisation=(Decimal(100_000_000) * done).quantize(
                                Decimal("0.01")
                            ),
                            physical_progress=(Decimal(100) * done).quantize(Decimal("0.01")),
                            workers=rng.randint(0, 40),
                        )
                    )
                if len(lines) >= BATCH * 4:
                    ReportLine.objects.bulk_create(lines, batch_size=BATCH)
                    counts.lines += len(lines)
                    lines = []
        ReportLine.objects.bulk_create(lines, batch_size=BATCH)
        counts.lines += len(lines)
        counts.allocations += len(allocations)
        counts.activities += len(activities)
        counts.reports += len(reports)
    return counts


def _raw_delete(qs) -> None:
    qs._raw_delete(qs.db)


@transaction.atomic
def cleanup(years: list[int]) -> None:
    """Remove everything `generate` (and the pages it served) made for these TAs, history included.

    Raw deletes: hundreds of thousands of throwaway rows need no per-row signals or history.
    """
    from django.apps import apps

    fy_ids = list(FiscalYear.objects.filter(year__in=years).values_list("id", flat=True))
    if not fy_ids:
        return
    from notifications.models import Notification
    from realisasi.models import Alert, alert_event_key

    alert_ids = Alert.objects.filter(fiscal_year_id__in=fy_ids).values_list("pk", flat=True)
    _raw_delete(
        Notification.objects.filter(event_key__in=[alert_event_key(pk) for pk in alert_ids])
    )
    for label in ("realisasi.Alert", "realisasi.AbsorptionSnapshot"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        names = {f.name for f in model._meta.get_fields()}
        if "fiscal_year" in names:
            _raw_delete(model.objects.filter(fiscal_year_id__in=fy_ids))
        elif "alert" in names:
            _raw_delete(model.objects.filter(alert__fiscal_year_id__in=fy_ids))
    report_ids = QuarterlyReport.objects.filter(fiscal_year_id__in=fy_ids).values("id")
    _raw_delete(ReportLine.objects.filter(report_id__in=report_ids))
    _raw_delete(QuarterlyReport.history.filter(fiscal_year_id__in=fy_ids))
    _raw_delete(QuarterlyReport.objects.filter(fiscal_year_id__in=fy_ids))
    allocation_ids = Allocation.objects.filter(fiscal_year_id__in=fy_ids).values("id")
    _raw_delete(ActivityTarget.objects.filter(activity__allocation_id__in=allocation_ids))
    if hasattr(PlannedActivity, "history"):
        _raw_delete(PlannedActivity.history.filter(allocation_id__in=allocation_ids))
    _raw_delete(PlannedActivity.objects.filter(allocation_id__in=allocation_ids))
    _raw_delete(Allocation.history.filter(fiscal_year_id__in=fy_ids))
    _raw_delete(Allocation.objects.filter(fiscal_year_id__in=fy_ids))
    FiscalYear.objects.filter(id__in=fy_ids).delete()  # a few rows, with their rules and history
    FiscalYear.history.filter(id__in=fy_ids).delete()


def refresh_snapshots(years: list[int]) -> None:
    """Absorption snapshots of the benchmark TAs, as the nightly job would leave them (trend, charts)."""
    from realisasi.services.absorption import absorption_snapshots_refresh

    for year in years:
        absorption_snapshots_refresh(year=year)
