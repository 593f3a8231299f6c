"""Demo allocations, sentra and RK lines for TA 2016–2026 (called by `seed_demo`; idempotent).

The allocation totals and region counts of the published years (DOMAIN.md §1) are reproduced
exactly; how each total is split over regions, and everything below it (sentra, RK lines,
procurement, disbursements), is invented. Every demo allocation is therefore marked
`is_synthetic=True` — the published figure is the national sum, not any one row.

Other demos build on this one: `demo.realisasi` can import `PUBLISHED`, `demo_years()`,
`CURRENT_YEAR` and `DEMO_REGION_CODES` to lay quarterly reports over these RK lines.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from allocations.choices import DisbursementStage, ProcurementMethod, ProcurementStage, RKStatus
from allocations.models import (
    ActivityMenu,
    Allocation,
    Disbursement,
    FiscalYear,
    PlannedActivity,
    Region,
    Sentra,
)
from allocations.services.fiscal_years import fiscal_year_create

M = Decimal("1000000000")  # Rp1 miliar
THOUSAND = 1000
CURRENT_YEAR = 2026  # the running TA of the demo (today is late in TA 2026)

# Published national figures (DOMAIN.md §1): TA -> (total pagu, number of receiving regions).
PUBLISHED: dict[int, tuple[Decimal, int]] = {
    2016: (Decimal("166.3") * M, 149),
    2017: (Decimal("161.5") * M, 113),
    2018: (Decimal("173.7") * M, 73),
    2019: (Decimal("178.3") * M, 79),
    2020: (Decimal("400") * M, 106),
    2021: (Decimal("750") * M, 162),
    2023: (Decimal("395") * M, 56),
}
# Invented but plausible years (no published pagu).
SYNTHETIC: dict[int, tuple[Decimal, int]] = {
    2022: (Decimal("612.5") * M, 131),
    2024: (Decimal("368") * M, 54),
    2025: (Decimal("342.5") * M, 51),
    2026: (Decimal("356") * M, 53),
}
# Provinces among the receivers (2016–2021 were kabupaten/kota only, as published).
PROVINCES_IN_YEAR = {2022: 3, 2023: 4, 2024: 3, 2025: 2, 2026: 3}
# The demo dinas accounts' regions (demo.accounts.DEMO_DINAS) receive in every TA from 2022 on.
DEMO_REGION_CODES = ("32.04", "35.07", "73.71", "91.71", "96.71")
DEMO_REGIONS_FROM = 2022


@dataclass(frozen=True)
class YearPlan:
    year: int
    total: Decimal
    regions: int
    provinces: int
    published: bool


def demo_years() -> dict[int, YearPlan]:
    """Every demo TA with its total pagu, region count, provinces among them, and whether published."""
    plans = {}
    for year, (total, count) in sorted({**PUBLISHED, **SYNTHETIC}.items()):
        plans[year] = YearPlan(
            year, total, count, PROVINCES_IN_YEAR.get(year, 0), year in PUBLISHED
        )
    return plans


COMMODITIES = [
    "Tenun",
    "Batik",
    "Anyaman Bambu",
    "Kerajinan Kayu",
    "Olahan Ikan",
    "Kopi",
    "Logam",
    "Gerabah",
    "Konveksi",
    "Alas Kaki",
    "Olahan Kelapa",
    "Makanan Ringan",
    "Rotan",
    "Kulit",
]
LINE_TEXT = {
    "RUMAH_PRODUKSI": ("Revitalisasi rumah produksi bersama sentra {c}", "unit", (1, 1)),
    "UPT": ("Pembangunan Unit Pelayanan Teknis (UPT) {c}", "unit", (1, 1)),
    "RUMAH_KEMASAN": ("Pembangunan rumah kemasan produk {c}", "unit", (1, 1)),
    "MESIN_PERALATAN": ("Pengadaan mesin dan peralatan produksi {c}", "unit", (5, 40)),
    "IPAL": ("Pembangunan IPAL komunal sentra {c}", "paket", (1, 2)),
    "IPAB": ("Pembangunan instalasi air bersih sentra {c}", "paket", (1, 2)),
    "INFRASTRUKTUR": ("Jalan lingkungan, listrik dan gudang sentra {c}", "paket", (1, 3)),
}
SUPPLIERS = [
    "CV Karya Mandiri",
    "PT Cipta Teknik Nusantara",
    "CV Sinar Jaya",
    "PT Mesin Industri Prima",
    "CV Bangun Persada",
    "PT Rekayasa Indo Utama",
    "CV Mitra Sentosa",
    "PT Hidro Lestari",
]


def split(total: Decimal, parts: int, rng: random.Random, spread=(0.5, 1.5)) -> list[Decimal]:
    """`parts` amounts in whole thousands of rupiah that add up to `total` exactly."""
    weights = [rng.uniform(*spread) for _ in range(parts)]
    units = int(total) // THOUSAND
    shares = [int(units * w / sum(weights)) for w in weights[:-1]]
    shares.append(units - sum(shares))
    amounts = [Decimal(s * THOUSAND) for s in shares]
    amounts[-1] += total - sum(amounts)  # a total that is not whole thousands keeps its tail
    return amounts


def _receivers(
    year: int, plan: YearPlan, kabkota: list[Region], provinces: list[Region]
) -> list[Region]:
    rng = random.Random(f"receivers-{year}")
    fixed = [r for r in kabkota if r.code in DEMO_REGION_CODES] if year >= DEMO_REGIONS_FROM else []
    pool = [r for r in kabkota if r not in fixed]
    chosen = fixed + rng.sample(pool, plan.regions - plan.provinces - len(fixed))
    return chosen + rng.sample(provinces, plan.provinces)


def _sentra_for(regions: list[Region]) -> list[Sentra]:
    have = set(
        Sentra.objects.filter(region__in=regions).values_list("region_id", flat=True).distinct()
    )
    new = []
    for region in regions:
        if region.pk in have:
            continue
        rng = random.Random(f"sentra-{region.code}")
        for commodity in rng.sample(COMMODITIES, rng.randint(1, 2)):
            place = (
                region.name.replace("Kabupaten ", "").replace("Kota ", "").replace("Provinsi ", "")
            )
            new.append(
                Sentra(
                    region=region,
                    name=f"Sentra {commodity} {place}",
                    commodity=commodity,
                    ikm_units=rng.randint(15, 120),
                    workforce=rng.randint(40, 600),
                    is_ovop=rng.random() < 0.2,
                )
            )
    return new


def _procurement(line: PlannedActivity, year: int, index: int, rng: random.Random) -> None:
    past = year < CURRENT_YEAR
    roll = rng.random()
    if past:
        stage = ProcurementStage.SELESAI if roll < 0.93 else ProcurementStage.PELAKSANAAN
    else:
        stage = (
            ProcurementStage.PENGADAAN
            if roll < 0.06
            else ProcurementStage.KONTRAK
            if roll < 0.2
            else ProcurementStage.PELAKSANAAN
            if roll < 0.72
            else ProcurementStage.SELESAI
        )
    line.ded_ready = True
    line.procurement_method = (
        ProcurementMethod.TENDER
        if line.pagu > 400_000_000
        else rng.choice([ProcurementMethod.E_PURCHASING, ProcurementMethod.LANGSUNG])
    )
    line.procurement_stage = stage
    line.planned_completion = dt.date(year, 11, rng.randint(15, 30))
    if stage == ProcurementStage.PENGADAAN:
        return
    region_code = line.allocation.region.code
    line.contract_number = f"{index:03d}/KTR/DAK-IKM/{region_code}/{year}"
    line.contract_date = dt.date(year, rng.randint(3, 6), rng.randint(1, 28))
    ratio = Decimal(str(rng.uniform(0.88, 0.99)))
    line.contract_value = (line.pagu * ratio / THOUSAND).quantize(Decimal("1")) * THOUSAND
    line.supplier = rng.choice(SUPPLIERS)
    if stage == ProcurementStage.SELESAI:
        line.actual_completion = dt.date(
            year, rng.choice([10, 11, 12]) if past else rng.choice([9, 10, 11]), rng.randint(1, 20)
        )


def _lines(
    allocation: Allocation, menus: list[ActivityMenu], sentra: list[Sentra]
) -> list[PlannedActivity]:
    year = allocation.fiscal_year.year
    rng = random.Random(f"rk-{year}-{allocation.region.code}")
    count = rng.randint(2, 5)
    lines = []
    for i, (menu, pagu) in enumerate(
        zip(rng.sample(menus, count), split(allocation.pagu, count, rng), strict=True), 1
    ):
        template, unit, (lo, hi) = LINE_TEXT.get(menu.code, ("{c}: " + menu.name, "paket", (1, 1)))
        own = sentra[i % len(sentra)] if sentra and rng.random() < 0.8 else None
        commodity = own.commodity.lower() if own else "IKM"
        line = PlannedActivity(
            allocation=allocation,
            code=f"RK-{i:02d}",
            menu=menu,
            sentra=own,
            description=template.format(c=commodity),
            volume=Decimal(rng.randint(lo, hi)),
            unit=unit,
            pagu=pagu,
        )
        _procurement(line, year, i, rng)
        lines.append(line)
    return lines


def _disbursements(allocations: list[Allocation], fy: FiscalYear) -> list[Disbursement]:
    """Money received: past TAs in full (sekaligus for small pagu, else tahap I–III); the running TA
    so far (tahap I, often II) for approved RKs."""
    out = []
    past = fy.year < CURRENT_YEAR
    for a in allocations:
        if a.rk_status != RKStatus.APPROVED:
            continue
        rng = random.Random(f"salur-{fy.year}-{a.region.code}")
        y = fy.year
        if a.pagu <= fy.one_off_max_pagu:
            out.append(
                Disbursement(
                    allocation=a,
                    stage=DisbursementStage.SEKALIGUS,
                    amount=a.pagu,
                    date=dt.date(y, rng.randint(4, 7), rng.randint(1, 20)),
                    reference=f"SP2D/{a.region.code}/{y}",
                )
            )
            continue
        first = (a.pagu * Decimal("0.25")).quantize(Decimal("0.01"))
        second = (a.pagu * Decimal("0.45")).quantize(Decimal("0.01"))
        stages = [
            (DisbursementStage.TAHAP_I, first, dt.date(y, rng.randint(4, 7), rng.randint(1, 20)))
        ]
        if past or rng.random() < 0.6:
            stages.append(
                (
                    DisbursementStage.TAHAP_II,
                    second,
                    dt.date(y, rng.randint(8, 10), rng.randint(1, 20)),
                )
            )
        if past:
            stages.append(
                (
                    DisbursementStage.TAHAP_III,
                    a.pagu - first - second,
                    dt.date(y, 12, rng.randint(1, 15)),
                )
            )
        out += [
            Disbursement(
                allocation=a,
                stage=stage,
                amount=amount,
                date=date,
                reference=f"SP2D-{stage.label.split()[-1]}/{a.region.code}/{y}",
            )
            for stage, amount, date in stages
        ]
    return out


def _seed_year(plan: YearPlan, *, actor, kabkota, provinces, menus) -> int:
    fy = FiscalYear.objects.filter(year=plan.year).first() or fiscal_year_create(
        actor=actor, year=plan.year
    )
    if Allocation.objects.filter(fiscal_year=fy).exists():
        return 0
    regions = _receivers(plan.year, plan, kabkota, provinces)
    rng = random.Random(f"pagu-{plan.year}")
    allocations = []
    for region, pagu in zip(
        regions, split(plan.total, len(regions), rng, spread=(0.35, 1.65)), strict=True
    ):
        approved = (
            plan.year < CURRENT_YEAR or region.code in DEMO_REGION_CODES or rng.random() < 0.9
        )
        approved_at = timezone.make_aware(
            dt.datetime(plan.year, rng.randint(2, 4), rng.randint(1, 28), 10)
        )
        allocations.append(
            Allocation(
                region=region,
                fiscal_year=fy,
                pagu=pagu,
                is_synthetic=True,
                rk_status=RKStatus.APPROVED if approved else RKStatus.SUBMITTED,
                rk_approved_by=actor if approved else None,
                rk_approved_at=approved_at if approved else None,
            )
        )
    allocations = bulk_create_with_history(
        allocations, Allocation, batch_size=500, default_user=actor
    )
    sentra_by_region: dict[int, list[Sentra]] = {}
    for s in Sentra.objects.filter(region__in=regions).order_by("name"):
        sentra_by_region.setdefault(s.region_id, []).append(s)
    lines = [
        line
        for a in allocations
        for line in _lines(a, menus, sentra_by_region.get(a.region_id, []))
    ]
    bulk_create_with_history(lines, PlannedActivity, batch_size=500, default_user=actor)
    return len(allocations)


def _seed_disbursements(*, actor) -> int:
    """Demo disbursements for synthetic approved allocations that have none yet (idempotent)."""
    pending = Allocation.objects.filter(
        is_synthetic=True, rk_status=RKStatus.APPROVED, disbursements__isnull=True
    ).select_related("region", "fiscal_year")
    by_year: dict[int, list[Allocation]] = {}
    for a in pending:
        by_year.setdefault(a.fiscal_year_id, []).append(a)
    new = [d for group in by_year.values() for d in _disbursements(group, group[0].fiscal_year)]
    bulk_create_with_history(new, Disbursement, batch_size=500, default_user=actor)
    return len(new)


@transaction.atomic
def seed(*, actor, stdout=None) -> dict[int, int]:
    """Create the demo TAs, sentra, allocations and RK lines that are missing; returns new allocations per TA."""
    kabkota = list(Region.objects.kabkota().order_by("code"))
    provinces = list(Region.objects.provinces().order_by("code"))
    menus = list(ActivityMenu.objects.order_by("order", "code"))
    plans = demo_years()
    receivers = {
        r.pk: r for plan in plans.values() for r in _receivers(plan.year, plan, kabkota, provinces)
    }
    bulk_create_with_history(
        _sentra_for(sorted(receivers.values(), key=lambda r: r.code)),
        Sentra,
        batch_size=500,
        default_user=actor,
    )
    created = {
        year: _seed_year(plan, actor=actor, kabkota=kabkota, provinces=provinces, menus=menus)
        for year, plan in plans.items()
    }
    _seed_disbursements(actor=actor)
    if stdout is not None:
        new = sum(created.values())
        stdout.write(
            f"Alokasi demo: {new} alokasi baru"
            + (
                " (TA " + ", ".join(str(y) for y, n in created.items() if n) + ")"
                if new
                else " (sudah lengkap)"
            )
            + "; "
            f"{Allocation.objects.count()} alokasi, {PlannedActivity.objects.count()} baris RK, "
            f"{Sentra.objects.count()} sentra."
        )
    return created
