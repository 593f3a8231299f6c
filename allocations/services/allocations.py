"""Allocations (pagu per region and TA) and disbursements (penyaluran)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from dakmonev import figures_version
from dakmonev.errors import Conflict, DomainError
from dakmonev.spreadsheet.numbers import format_rupiah

from ..choices import DisbursementStage
from ..models import Allocation, Disbursement, FiscalYear, PlannedActivity, Region
from ..permissions import can_record_disbursement, can_set_pagu
from ._common import save_with_history


@transaction.atomic
def allocation_set(
    *, actor, region: Region, fiscal_year: FiscalYear, pagu: Decimal, is_synthetic: bool = False
) -> tuple[Allocation, bool]:
    """Create or update a region's pagu for a TA; never below its RK total. Returns (allocation, created)."""
    can_set_pagu(actor).require()
    if pagu < 0:
        raise DomainError("Pagu tidak boleh negatif.", field="pagu")
    allocation = (
        Allocation.objects.select_for_update()
        .filter(region=region, fiscal_year=fiscal_year)
        .first()
    )
    created = allocation is None
    if created:
        allocation = Allocation(
            region=region, fiscal_year=fiscal_year, pagu=pagu, is_synthetic=is_synthetic
        )
    else:
        rk_total = (
            PlannedActivity.objects.filter(allocation=allocation).aggregate(s=Sum("pagu"))["s"] or 0
        )
        if pagu < rk_total:
            raise DomainError(
                f"Pagu {format_rupiah(pagu)} lebih kecil dari jumlah RK {format_rupiah(rk_total)}; kurangi RK dahulu.",
                field="pagu",
            )
        if allocation.pagu == pagu:
            return allocation, False
        allocation.pagu = pagu
    save_with_history(allocation, actor)
    figures_version.bump()
    return allocation, created


@transaction.atomic
def disbursement_record(
    *,
    actor,
    allocation: Allocation,
    stage: int,
    amount: Decimal,
    date: dt.date,
    reference: str = "",
) -> Disbursement:
    """Record money transferred for one stage: stages in order, once each, total ≤ pagu."""
    can_record_disbursement(actor, allocation).require()
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    stage = DisbursementStage(stage)
    done = dict(Disbursement.objects.filter(allocation=allocation).values_list("stage", "amount"))
    if stage in done:
        raise Conflict(f"{stage.label} sudah dicatat.", field="stage")
    if stage == DisbursementStage.SEKALIGUS and done:
        raise Conflict(
            "Penyaluran sekaligus hanya bila belum ada penyaluran bertahap.", field="stage"
        )
    if stage != DisbursementStage.SEKALIGUS:
        if DisbursementStage.SEKALIGUS in done:
            raise Conflict("Dana sudah disalurkan sekaligus.", field="stage")
        missing = [s for s in range(1, stage) if s not in done]
        if missing:
            raise Conflict(f"{DisbursementStage(missing[0]).label} belum dicatat.", field="stage")
    if amount <= 0:
        raise DomainError("Jumlah penyaluran harus lebih dari nol.", field="amount")
    received = sum(done.values(), Decimal("0"))
    if received + amount > allocation.pagu:
        raise DomainError(
            f"Jumlah penyaluran melebihi sisa pagu {format_rupiah(allocation.pagu - received)}.",
            field="amount",
        )
    if date.year != allocation.fiscal_year.year:
        raise DomainError(
            f"Tanggal penyaluran harus dalam TA {allocation.fiscal_year.year}.", field="date"
        )
    disbursement = Disbursement(
        allocation=allocation, stage=stage, amount=amount, date=date, reference=reference
    )
    save_with_history(disbursement, actor)
    return disbursement
