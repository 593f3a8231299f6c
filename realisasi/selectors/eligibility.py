"""Disbursement eligibility: which stage comes next for a region and TA, and what is still missing.

It weighs the TA's disbursement rules (allocations) against the region's figures, read from
the one absorption selector next door — so the DOMAIN.md §6 formulas are not written twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from allocations.choices import DisbursementStage, ProcurementMethod, ProcurementStage, RKStatus
from allocations.models import (
    Allocation,
    Disbursement,
    DisbursementRule,
    FiscalYear,
    PlannedActivity,
    Region,
)
from allocations.selectors.rules import disbursement_rules
from dakmonev.spreadsheet.numbers import format_date, format_percent, format_rupiah

from .absorption import absorption, round_percent

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass
class Realisation:
    latest_quarter: int | None = None
    financial_realisation: Decimal = ZERO
    physical_progress: Decimal = ZERO


@dataclass
class Eligibility:
    """The answer for one region and TA; `missing` holds Indonesian sentences for the person."""

    region: Region
    year: int
    allocation: Allocation | None
    pagu: Decimal = ZERO
    one_off: bool = False
    stage: int | None = None  # the next DisbursementStage; None when nothing is left to disburse
    amount: Decimal = ZERO
    eligible: bool = False
    missing: list[str] = field(default_factory=list)
    received: Decimal = ZERO
    financial_realisation: Decimal = ZERO
    absorption_of_received_pct: Decimal | None = None
    physical_progress: Decimal = ZERO
    latest_quarter: int | None = None
    as_of_quarter: int = 4
    window_start: dt.date | None = None
    deadline: dt.date | None = None

    @property
    def spent_more_than_received(self) -> bool:
        """Red flag: the region reports spending more than the money transferred to it."""
        return self.allocation is not None and self.financial_realisation > self.received

    @property
    def stage_label(self) -> str:
        return DisbursementStage(self.stage).label if self.stage is not None else "Selesai"


def region_realisation(allocation: Allocation, quarter: int = 4) -> Realisation:
    """Σ realisasi keuangan and pagu-weighted fisik of the region's latest counted report in the TA
    up to `quarter` (the absorption selector's figures as of that quarter, limited to the
    region's province) — the region page passes its own quarter, so it shows one quarter."""
    region = allocation.region
    figures = absorption(
        allocation.fiscal_year.year, quarter, province=region.parent_id or region.pk
    ).region(region.code)
    if figures is None or figures.latest_quarter is None:
        return Realisation()
    return Realisation(
        latest_quarter=figures.latest_quarter,
        financial_realisation=figures.financial_realisation,
        physical_progress=round_percent(figures.physical_progress) or ZERO,
    )


def _stage_amount(rule: DisbursementRule | None, pagu: Decimal, received: Decimal) -> Decimal:
    if (
        rule is None
        or rule.percent_of_pagu is None
        or rule.stage in (DisbursementStage.SEKALIGUS, DisbursementStage.TAHAP_III)
    ):
        return pagu - received
    amount = (pagu * rule.percent_of_pagu / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(amount, pagu - received)


def _contract_gaps(allocation: Allocation) -> list[str]:
    lines = PlannedActivity.objects.filter(allocation=allocation).exclude(
        procurement_stage=ProcurementStage.BATAL
    )
    if not lines.exists():
        return ["RK belum memiliki baris kegiatan."]
    lacking = list(
        lines.exclude(procurement_method=ProcurementMethod.SWAKELOLA)
        .filter(Q(contract_number="") | Q(contract_date__isnull=True))
        .values_list("code", flat=True)
    )
    if not lacking:
        return []
    shown = ", ".join(lacking[:10]) + (
        f" dan {len(lacking) - 10} lainnya" if len(lacking) > 10 else ""
    )
    return [
        f"Daftar kontrak belum lengkap: kegiatan {shown} belum memiliki nomor dan tanggal kontrak."
    ]


def _conditions(
    e: Eligibility, rule: DisbursementRule, allocation: Allocation, as_of: dt.date
) -> list[str]:
    full = str(DisbursementStage(e.stage).label)
    label = full[0].lower() + full[1:]  # "tahap I", "sekaligus"
    missing = []
    if rule.requires_approved_rk and allocation.rk_status != RKStatus.APPROVED:
        missing.append(
            f"RK belum disetujui Ditjen IKMA (status: {allocation.get_rk_status_display().lower()})."
        )
    if rule.requires_contracts:
        missing += _contract_gaps(allocation)
    needs_absorption = rule.min_absorption_of_received_pct > 0
    if (needs_absorption or rule.min_physical_pct > 0) and e.latest_quarter is None:
        missing.append("Belum ada laporan realisasi triwulan yang diajukan atau terverifikasi.")
    if needs_absorption:
        if e.received <= 0:
            missing.append(
                "Belum ada dana yang diterima, sehingga penyerapannya belum dapat dihitung."
            )
        elif e.absorption_of_received_pct < rule.min_absorption_of_received_pct:
            missing.append(
                f"Penyerapan dana yang diterima baru {format_percent(e.absorption_of_received_pct)} "
                f"({format_rupiah(e.financial_realisation)} dari {format_rupiah(e.received)}); "
                f"minimal {format_percent(rule.min_absorption_of_received_pct)}."
            )
    if rule.min_physical_pct > 0 and e.physical_progress < rule.min_physical_pct:
        missing.append(
            f"Capaian fisik baru {format_percent(e.physical_progress)}; "
            f"minimal {format_percent(rule.min_physical_pct)}."
        )
    if rule.window_start and as_of < rule.window_start:
        missing.append(
            f"Penyaluran {label} baru dapat diproses mulai {format_date(rule.window_start)}."
        )
    if rule.deadline and as_of > rule.deadline:
        missing.append(f"Batas penyaluran {label} ({format_date(rule.deadline)}) sudah lewat.")
    return missing


def disbursement_eligibility(
    region: Region,
    fiscal_year: FiscalYear | int,
    *,
    as_of: dt.date | None = None,
    quarter: int = 4,
) -> Eligibility:
    """Next disbursement stage of a region in a TA, whether its conditions are met, and what is
    missing, with the region's figures as of `quarter` (default: the latest report of the TA)."""
    as_of = as_of or timezone.localdate()
    fy = (
        fiscal_year
        if isinstance(fiscal_year, FiscalYear)
        else FiscalYear.objects.get(year=fiscal_year)
    )
    allocation = Allocation.objects.filter(region=region, fiscal_year=fy).first()
    if allocation is not None:
        allocation.region, allocation.fiscal_year = (
            region,
            fy,
        )  # already read: region_realisation needs both
    e = Eligibility(region=region, year=fy.year, allocation=allocation, as_of_quarter=quarter)
    if allocation is None:
        e.missing = [f"{region.name} tidak menerima alokasi DAK Fisik IKM pada TA {fy.year}."]
        return e
    e.pagu = allocation.pagu
    done = dict(Disbursement.objects.filter(allocation=allocation).values_list("stage", "amount"))
    e.received = sum(done.values(), ZERO)
    real = region_realisation(allocation, quarter)
    e.latest_quarter, e.financial_realisation, e.physical_progress = (
        real.latest_quarter,
        real.financial_realisation,
        real.physical_progress,
    )
    if e.received > 0:
        e.absorption_of_received_pct = (e.financial_realisation / e.received * 100).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
    rules = {r.stage: r for r in disbursement_rules(fy)}
    e.one_off = allocation.pagu <= fy.one_off_max_pagu
    if DisbursementStage.SEKALIGUS in done or e.received >= allocation.pagu:
        e.missing = ["Seluruh pagu sudah disalurkan."]
        return e
    if e.one_off and not done:
        e.stage = DisbursementStage.SEKALIGUS
        # A TA configured without a one-off rule falls back to the conditions of tahap I.
        rule = rules.get(DisbursementStage.SEKALIGUS) or rules.get(DisbursementStage.TAHAP_I)
    else:
        e.stage = next((s for s in (1, 2, 3) if s not in done), None)
        if e.stage is None:
            e.missing = ["Seluruh tahap penyaluran sudah dicatat."]
            return e
        rule = rules.get(e.stage)
    e.amount = _stage_amount(rule, allocation.pagu, e.received)
    if rule is not None:
        e.window_start, e.deadline = rule.window_start, rule.deadline
        e.missing = _conditions(e, rule, allocation, as_of)
    e.eligible = not e.missing
    return e
