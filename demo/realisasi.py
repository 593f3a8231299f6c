"""Demo quarterly reports (synthetic) on top of the allocations demo, reproducing the published
absorption figures exactly: TA 2022 82,72 % and TA 2023 88,46 % (money-weighted) with 93,23 %
the unweighted mean over kabupaten/kota (DOMAIN.md §1), as computed by the absorption selector.

Reports are written directly in bulk (status VERIFIED/SUBMITTED, is_synthetic=True), not through
the Excel pipeline. For the current TA some regions are late or missing so that alerts show.
Idempotent: a TA that already has synthetic reports is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from allocations.choices import ProcurementStage, RegionLevel
from allocations.models import Allocation, FiscalYear, PlannedActivity
from allocations.selectors.deadlines import report_deadline, with_calendar
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport, ReportLine
from realisasi.services.absorption import absorption_snapshots_refresh
from realisasi.services.alerts import check_overdue

from .allocations import CURRENT_YEAR  # the running TA of the demo; reports follow it

# Published national figures (DOMAIN.md §1) the demo must reproduce, as the selector shows them.
PUBLISHED_ABSORPTION = {2022: Decimal("82.72"), 2023: Decimal("88.46")}
PUBLISHED_MEAN_KABKOTA = {2023: Decimal("93.23")}
# Demo logins whose region is late in the current TA, so their pages show alerts.
LATE_DEMO_REGIONS = {"91.71": "missing", "96.71": "draft"}
AWAITING_VERIFICATION = {"32.04"}

CENT = Decimal("0.01")
ONE = Decimal("1")
LATE_SHARE = 0.11  # share of demo reports submitted after their deadline (timeliness panels)
QUARTER_SHARE = {1: (0.05, 0.2), 2: (0.3, 0.5), 3: (0.6, 0.85), 4: (1.0, 1.0)}


@dataclass
class _Region:
    allocation_id: int
    region_id: int
    code: str
    kabkota: bool
    pagu: Decimal
    lines: list[tuple[int, Decimal]] = field(default_factory=list)  # (activity id, line pagu)

    @property
    def cap(self) -> Decimal:
        """Highest absorption the RK lines allow (realisation never above a line's pagu)."""
        if not self.pagu:
            return Decimal(0)
        return min(Decimal("0.995"), sum((p for _, p in self.lines), Decimal(0)) / self.pagu)


def _d(x: float) -> Decimal:
    return Decimal(str(round(x, 6)))


def _solve(
    regions: list[_Region], *, weighted: Decimal, mean: Decimal, rng: random.Random
) -> dict[int, Decimal]:
    """Absorption (0–1) per allocation so that Σreal÷Σpagu = weighted and the kabupaten/kota mean = mean.

    A few large regions lag (a failed tender, a late contract) at λ·r_i — provinces first, since
    they weigh on the national figure but not on the kabupaten/kota mean — and the others sit at
    h + noise_i; λ and h solve the two linear equations exactly. The number of laggards grows
    until every value is plausible and within the region's RK.
    """
    total_pagu = sum((r.pagu for r in regions), Decimal(0))
    movable = [r for r in regions if r.cap > 0]
    candidates = sorted(movable, key=lambda r: (r.kabkota, -r.pagu, r.code))
    n_kab = sum(1 for r in regions if r.kabkota and r.pagu > 0)  # kab/kota without RK count 0
    for spread in (Decimal("0.02"), Decimal("0.005"), Decimal("0")):
        noise = {r.allocation_id: _d(rng.uniform(-1, 1)) * spread for r in movable}
        ratio = {r.allocation_id: _d(rng.uniform(0.7, 1.3)) for r in movable}
        for k in range(1, len(candidates)):
            lag, oth = candidates[:k], candidates[k:]
            # mean (kab/kota):  λ·Σr + h·|oth| + Σnoise              = mean·n
            # weighted (all):   λ·Σp·r + h·Σp + Σp·noise             = weighted·P
            a1 = sum((ratio[r.allocation_id] for r in lag if r.kabkota), Decimal(0))
            b1 = Decimal(sum(1 for r in oth if r.kabkota))
            c1 = mean * n_kab - sum((noise[r.allocation_id] for r in oth if r.kabkota), Decimal(0))
            a2 = sum((r.pagu * ratio[r.allocation_id] for r in lag), Decimal(0))
            b2 = sum((r.pagu for r in oth), Decimal(0))
            c2 = weighted * total_pagu - sum(
                (r.pagu * noise[r.allocation_id] for r in oth), Decimal(0)
            )
            det = a1 * b2 - a2 * b1
            if not det:
                continue
            lam, h = (c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det
            values = {r.allocation_id: lam * ratio[r.allocation_id] for r in lag}
            values.update({r.allocation_id: h + noise[r.allocation_id] for r in oth})
            if all(Decimal("0.05") <= values[r.allocation_id] <= r.cap for r in lag) and all(
                Decimal("0.5") <= values[r.allocation_id] <= r.cap for r in oth
            ):
                return values
    raise RuntimeError("demo: no plausible absorption pattern reaches the published figures")


def _split(total: Decimal, lines: list[tuple[int, Decimal]]) -> list[Decimal]:
    """Split a region's realisation over its RK lines by line pagu; the last line takes the cents."""
    line_total = sum((p for _, p in lines), Decimal(0))
    parts = [(total * p / line_total).quantize(CENT, rounding=ROUND_DOWN) for _, p in lines[:-1]]
    return parts + [total - sum(parts, Decimal(0))]


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _final_realisation(regions: list[_Region], year: int, rng: random.Random) -> dict[int, Decimal]:
    weighted = PUBLISHED_ABSORPTION.get(year, _d(rng.uniform(80, 90))) / 100
    mean = PUBLISHED_MEAN_KABKOTA.get(year, weighted * 100 + _d(rng.uniform(0.5, 2.5))) / 100
    try:
        shares = _solve(regions, weighted=weighted, mean=mean, rng=rng)
    except RuntimeError:
        if year in PUBLISHED_ABSORPTION:
            raise
        shares = {
            r.allocation_id: min(r.cap, weighted) for r in regions
        }  # synthetic year: keep it simple
    real = {
        r.allocation_id: (shares.get(r.allocation_id, Decimal(0)) * r.pagu).quantize(CENT)
        for r in regions
    }
    # Cent rounding moves the ratio by ~1e-12; if that ever crossed a rounding edge, the largest
    # region absorbs the difference so the shown figure is the published one.
    total_pagu = sum((r.pagu for r in regions), Decimal(0))
    if (
        year in PUBLISHED_ABSORPTION
        and _round(sum(real.values()) * 100 / total_pagu) != PUBLISHED_ABSORPTION[year]
    ):
        biggest = max(regions, key=lambda r: r.pagu)
        real[biggest.allocation_id] += (weighted * total_pagu).quantize(CENT) - sum(real.values())
    return real


def _regions(fy: FiscalYear) -> list[_Region]:
    regions = {
        a.pk: _Region(
            a.pk, a.region_id, a.region.code, a.region.level != RegionLevel.PROVINSI, a.pagu
        )
        for a in Allocation.objects.filter(fiscal_year=fy)
        .select_related("region")
        .order_by("region__code")
    }
    for act_id, alloc_id, pagu in (
        PlannedActivity.objects.filter(allocation__fiscal_year=fy)
        .order_by("allocation_id", "code")
        .values_list("pk", "allocation_id", "pagu")
    ):
        regions[alloc_id].lines.append((act_id, pagu))
    return list(regions.values())


def _plan_current_year(regions: list[_Region], rng: random.Random) -> dict[int, dict[int, str]]:
    """Quarter → status per allocation for the running TA (Q1–Q3); some regions late or missing."""
    plan = {}
    for r in regions:
        late = (
            LATE_DEMO_REGIONS.get(r.code)
            or rng.choices(
                ["ok", "missing", "missing_q2", "draft", "returned"], weights=[82, 9, 3, 4, 2]
            )[0]
        )
        q3 = {
            "ok": ReportStatus.VERIFIED,
            "missing": None,
            "missing_q2": None,
            "draft": ReportStatus.DRAFT,
            "returned": ReportStatus.RETURNED,
        }[late]
        if r.code in AWAITING_VERIFICATION:
            q3 = ReportStatus.SUBMITTED
        plan[r.allocation_id] = {
            1: ReportStatus.VERIFIED,
            2: None if late == "missing_q2" else ReportStatus.VERIFIED,
            3: q3,
        }
    return plan


def _build_year(fy: FiscalYear, *, actor, current_year: int) -> tuple[int, int]:
    rng = random.Random(f"realisasi-demo-{fy.year}")
    with_calendar([fy])  # report_deadline() per report: no query
    regions = _regions(fy)
    if not regions or not any(r.pagu for r in regions):
        return 0, 0
    final = _final_realisation(regions, fy.year, rng)
    if fy.year >= current_year:
        plan = _plan_current_year(regions, rng)
    else:
        plan = {
            r.allocation_id: dict.fromkeys((1, 2, 3, 4), ReportStatus.VERIFIED) for r in regions
        }
    shares = {q: _d(rng.uniform(*QUARTER_SHARE[q])) for q in QUARTER_SHARE}
    # Its own generator, so the figures drawn from `rng` stay what they were.
    lateness = random.Random(f"realisasi-demo-late-{fy.year}")
    now = timezone.now()
    reports, pending_lines = [], []
    for r in regions:
        if not r.lines:
            continue
        line_final = _split(final[r.allocation_id], r.lines)
        absorbed = final[r.allocation_id] / r.pagu if r.pagu else Decimal(0)
        physical_final = min(Decimal(100), _round(absorbed * 100 + _d(rng.uniform(0, 8))))
        for quarter, status in plan[r.allocation_id].items():
            if status is None:
                continue
            deadline = report_deadline(fy, quarter, None)
            at = timezone.make_aware(
                dt.datetime.combine(deadline - dt.timedelta(days=rng.randint(1, 10)), dt.time(10))
            )
            if lateness.random() < LATE_SHARE:  # about one report in nine comes in late
                late_at = at + dt.timedelta(days=lateness.randint(11, 30))
                at = late_at if late_at < now else at
            reports.append(
                QuarterlyReport(
                    region_id=r.region_id,
                    fiscal_year=fy,
                    quarter=quarter,
                    version=1,
                    is_current=True,
                    status=status,
                    report_date=at.date(),
                    created_by=actor,
                    submitted_by=actor if status != ReportStatus.DRAFT else None,
                    submitted_at=at if status != ReportStatus.DRAFT else None,
                    verified_by=actor if status == ReportStatus.VERIFIED else None,
                    verified_at=at + dt.timedelta(days=2)
                    if status == ReportStatus.VERIFIED
                    else None,
                    returned_by=actor if status == ReportStatus.RETURNED else None,
                    returned_at=at + dt.timedelta(days=2)
                    if status == ReportStatus.RETURNED
                    else None,
                    return_reason="Realisasi fisik belum didukung foto (demo)."
                    if status == ReportStatus.RETURNED
                    else "",
                    is_synthetic=True,
                )
            )
            share = shares[quarter]
            physical = min(Decimal(100), _round(physical_final * min(ONE, share + Decimal("0.05"))))
            stage = (
                (ProcurementStage.SELESAI if physical == 100 else ProcurementStage.PELAKSANAAN)
                if quarter >= 3
                else ProcurementStage.KONTRAK
            )
            pending_lines.append(
                [
                    (
                        act_id,
                        (amount * share).quantize(CENT, rounding=ROUND_DOWN)
                        if share < 1
                        else amount,
                        physical,
                        stage,
                    )
                    for (act_id, _), amount in zip(r.lines, line_final, strict=True)
                ]
            )
    created = bulk_create_with_history(reports, QuarterlyReport, batch_size=500, default_user=actor)
    if not created or created[0].pk is None:  # backends without RETURNING: read the ids back
        ids = {
            (q.region_id, q.quarter): q.pk
            for q in QuarterlyReport.objects.filter(fiscal_year=fy, is_synthetic=True)
        }
        for rep in reports:
            rep.pk = ids[(rep.region_id, rep.quarter)]
        created = reports
    lines = [
        ReportLine(
            report_id=rep.pk,
            activity_id=act_id,
            financial_realisation=fin,
            physical_progress=phys,
            procurement_stage=stage,
            excel_row=10 + i,
            reported_pagu=None,
            workers=5 + i,
        )
        for rep, rep_lines in zip(created, pending_lines, strict=True)
        for i, (act_id, fin, phys, stage) in enumerate(rep_lines)
    ]
    ReportLine.objects.bulk_create(lines, batch_size=1000)
    return len(created), len(lines)


def seed(*, actor, stdout=None, today: dt.date | None = None) -> None:
    """Create the synthetic quarterly reports of every receiving region (once per TA), then run the overdue check for today."""

    today = today or timezone.localdate()
    for fy in FiscalYear.objects.filter(allocations__isnull=False).distinct().order_by("year"):
        if QuarterlyReport.objects.filter(fiscal_year=fy, is_synthetic=True).exists():
            continue
        with transaction.atomic():
            n_reports, n_lines = _build_year(fy, actor=actor, current_year=CURRENT_YEAR)
            absorption_snapshots_refresh(year=fy.year)
        if stdout and n_reports:
            stdout.write(
                f"Laporan triwulan demo TA {fy.year}: {n_reports} laporan, {n_lines} baris."
            )
    run = check_overdue(as_of=today)
    if stdout:
        stdout.write(f"Peringatan laporan: {len(run.open_alerts)} terbuka ({run.raised} baru).")
